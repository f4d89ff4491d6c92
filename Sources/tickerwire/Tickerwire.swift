import ArgumentParser

@main
struct Tickerwire: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickerwire",
        abstract: "A self-hosted, real-time market-news engine.",
        subcommands: [
            ServeCommand.self, AnalyzeCommand.self, IngestCommand.self, SourcesCommand.self, KeysCommand.self, RulesCommand.self, SearchCommand.self,
            ExportCommand.self,
            SecuritiesCommand.self,
            EvalCommand.self,
            BenchCommand.self,
        ]
    )
}
