extension EventCue {
    /// How the stock moved. An event needs a percentage or a price in the sentence too (see `EventDetector`).
    static let priceAction: [EventCue] = [
        EventCue(.priceAction, "price action|move", attributes: .priceAction),
        EventCue(
            .priceAction,
            "shares|stock|ads|adrs|stocks ~5 rose|risen|rise|rises|fell|falls|fall|gained|gains|lost|loses|jumped|jumps|surged|surges|soared|soars|climbed|climbs|dropped|drops|declined|declines|slipped|slips|slid|slides|tumbled|tumbles|plunged|plunges|sank|sinks|rallied|rallies|advanced|advances|closed|ended|finished|traded|trading|opened|up|down|higher|lower|edged",
            attributes: .priceAction),
        EventCue(
            .priceAction, "closed|ended|finished|traded|trading|opened|were|was ~3 up|down|higher|lower|flat|unchanged", attributes: .priceAction),
    ]
}
