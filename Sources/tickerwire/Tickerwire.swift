import ArgumentParser

@main
struct Tickerwire: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickerwire",
        abstract: "A self-hosted, real-time market-news engine.",
        subcommands: [
            AnalyzeCommand.self, IngestCommand.self, SearchCommand.self, ExportCommand.self, SecuritiesCommand.self, EvalCommand.self,
            BenchCommand.self,
        ]
    )
}
