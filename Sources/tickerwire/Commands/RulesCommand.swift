import ArgumentParser
import Foundation
import NewsAlerts

/// `tickerwire rules check "QUERY"`: parse a rule and show how it reads, or where it is wrong.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Work with alert rules (CONTRACTS.md §6).", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse a rule: print it with its grouping made explicit, or the error with a caret under where it is.")

        @Argument(help: "The rule, e.g. 'ticker:BABA event:sanction' or '\"share buyback\" -ticker:(GME OR AMC)'.")
        var rule: String

        func run() throws {
            do {
                print(try RuleParser.parse(rule).description)
            } catch {
                FileHandle.standardError.write(Data((error.pointing(into: rule) + "\n").utf8))
                throw ExitCode(1)
            }
        }
    }
}
