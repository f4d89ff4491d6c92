import ArgumentParser

@main
struct Tickerwire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickerwire",
        abstract: "A self-hosted, real-time market-news engine.",
        subcommands: [
            AnalyzeCommand.self, IngestCommand.self, SourcesCommand.self, SearchCommand.self, ExportCommand.self, SecuritiesCommand.self,
            EvalCommand.self,
            BenchCommand.self,
        ]
    )
}
