import ArgumentParser
import Foundation
import NewsAnalysis
import NewsServer
import NewsStore

/// `tickerwire keys create|list|revoke`: API keys, kept hashed in the store.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Make, list and revoke API keys.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncCommand {
        static let configuration = CommandConfiguration(abstract: "Make a key and print it once.")
        @OptionGroup var location: StoreLocation
        @Option(help: "A name to recognise the key by.")
        var name: String
        @Option(help: "read, write (also read) or admin (everything).")
        var scope: APIKey.Scope = .read

        func runAsync() async throws {
            let made = APIKeys.make(name: name, scope: scope, now: Date())
            try await location.openOrCreate().addKey(made.record)
            print("\(made.key)")
            FileHandle.standardError.write(Data("key \(made.record.id) (\(scope.rawValue)) made; it is shown only this once\n".utf8))
        }
    }

    struct List: AsyncCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys (never the keys themselves).")
        @OptionGroup var location: StoreLocation

        func runAsync() async throws {
            for k in try await location.openExisting().keys() {
                print(
                    [
                        k.id, k.prefix + "…", k.scope.rawValue, k.name, DateParsing.isoString(k.created),
                        k.revoked.map { "revoked " + DateParsing.isoString($0) } ?? "active",
                    ].joined(separator: "\t"))
            }
        }
    }

    struct Revoke: AsyncCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by id.")
        @OptionGroup var location: StoreLocation
        @Argument(help: "The key's id, as `list` shows it.")
        var id: String

        func runAsync() async throws {
            guard try await location.openExisting().revokeKey(id: id, at: Date()) else {
                throw ValidationError("no active key \(id): `tickerwire keys list` shows them")
            }
            print("revoked \(id)")
        }
    }
}

extension APIKey.Scope: ExpressibleByArgument {}
