extension EventCue {
    /// Deals between companies: takeovers, stakes, partnerships, and orders from customers.
    static let deals: [EventCue] = [
        EventCue(
            .mergerAcquisition,
            "acquire|acquires|acquired|acquiring|acquisition|acquisitions|merger|mergers|merge|merges|merged|merging|takeover|takeovers|buyout|buyouts",
            unless: "customer customers user users data cost costs stake"),
        EventCue(.mergerAcquisition, "agreed|agrees|agree|deal|offer|offers|offered|bid|bids ~1 to buy|purchase|acquire"),
        EventCue(.mergerAcquisition, "tender offer"),
        EventCue(.mergerAcquisition, "buy|buys|bought|buying ~8 deal|transaction", unless: "shares stake stock back"),
        EventCue(.mergerAcquisition, "takeover|buyout|all-cash|all-stock|cash-and-stock bid|offer|deal"),
        // Not the use-of-proceeds boilerplate of offerings ("may use the proceeds to … invest in businesses").
        EventCue(.investment, "invest|invests|invested|investing ~6 in|into", unless: "investors proceeds"),
        EventCue(.investment, "investment|investments in|into"),
        EventCue(.investment, "takes|took|take|taking|buys|bought|acquires|acquired|acquire|builds|built|raises|raised|boosts|boosted ~4 stake"),
        EventCue(.investment, "stake in"),
        EventCue(.investment, "funding|financing|series|seed ~1 round|rounds"),
        EventCue(.investment, "led|leads|leading|co-led ~3 round"),
        EventCue(.partnership, "partnership|partnerships|collaboration|collaborations|alliance|alliances|tie-up|tie-ups"),
        EventCue(.partnership, "teams|teamed|team up"),
        EventCue(.partnership, "partners|partnered|partnering|collaborates|collaborated|collaborating with"),
        EventCue(.partnership, "joint venture|ventures"),
        EventCue(
            .contract,
            "won|wins|win|awarded|secures|secured|lands|landed|receives|received|signed|signs|inks|inked ~4 contract|contracts|order|orders|deal|deals",
            unless: "acquire acquisition merger takeover"),
        EventCue(.contract, "contract|contracts ~3 worth|valued|from|with|for", unless: "futures options"),
        EventCue(.contract, "purchased|purchases|purchase|bought|buys|ordered ~4 from", unless: "shares stake stock"),
        EventCue(.contract, "supply|supplies|supplier|licensing|distribution deal|agreement|contract"),
        EventCue(.contract, "deal worth", unless: "acquire acquires acquisition merger takeover buy"),
    ]
}
