/// The finance-domain words sentiment scoring reads, written by hand from how market news is phrased.
///
/// Extend it here: a word's role says how it combines with its neighbours (see `SentimentScorer`).
enum SentimentLexicon {
    /// Words that are good or bad news on their own, with a weight in −1…1.
    static let polar: [(String, Float)] =
        weighted(
            1.0,
            """
            beat beats beating outperform outperformed outperforms outperforming upgrade upgraded upgrades record-high
            surge surged surges surging soar soared soars soaring rally rallied rallies skyrocketed jump jumped jumps
            breakthrough exceeded exceeds exceed topped tops outpaced robust strong stronger strongest upbeat bullish
            boom booming profitable profitability turnaround rebound rebounded rebounds recovered recovery
            """)
        + weighted(
            0.6,
            """
            gain gains gained gaining win wins won winning awarded secured secures success successful successfully improve
            improved improves improving improvement improvements boost boosted boosts boosting benefit benefits benefited
            optimistic optimism confident confidence positive favorable favourable solid healthy momentum upside expand
            expands expanded expanding expansion growth grow grows grew growing accelerate accelerated accelerating
            strengthen strengthened strengthens approve approved approval approves milestone opportunity opportunities
            efficient efficiency innovative leading leader attractive premium resilient resilience exceptional excellent
            impressive best better higher-than-expected above-expectations raised raise raises raising
            """)
        + weighted(
            -1.0,
            """
            plunge plunged plunges plunging plummet plummeted plummets tumble tumbled tumbles slump slumped slumps crash
            crashed collapse collapsed bankruptcy bankrupt insolvency insolvent default defaulted fraud scandal
            downgrade downgraded downgrades underperform underperformed bearish delisting delisted delist blacklist
            blacklisted sanctions sanctioned worst sink sank sinks tank tanked
            """)
        + weighted(
            -0.6,
            """
            miss missed misses missing weak weaker weakest weakness weakened weakening decline declined declines
            declining fall fell falls falling drop dropped drops dropping slide slid slides slip slipped slips lose lost
            loses losing loss losses loss-making deficit shortfall warn warned warns warning warnings concern concerns
            concerned worry worries worried fear fears risk risks risky uncertainty uncertain volatile volatility
            lawsuit lawsuits sued sue sues suing litigation probe probes investigation investigations subpoena charged
            charges accused allegations alleged fine fined fines penalty penalties violation violations recall recalls
            recalled halt halted halts suspend suspended suspension layoff layoffs laid redundancies restructuring
            impairment write-down writedown write-off downturn recession slowdown pressure pressured headwinds
            difficult difficulties challenging challenges struggle struggled struggling problem problems disappointing
            disappointed disappoint disappointment negative adverse unfavorable unfavourable deteriorate deteriorated
            deteriorating worse worsened worsening shortage shortages strike strikes delay delayed delays cut cuts
            cutting slash slashed downside lower-than-expected below-expectations erode eroded erosion
            """)

    /// Numbers that go up are good ("profit", "sales") — or bad ("loss", "costs").
    static let goodMetrics = words(
        """
        profit profits earnings income revenue revenues sales turnover ebit ebitda eps margin margins orders order
        bookings backlog demand growth dividend dividends cash-flow volume volumes deliveries shipments production output
        subscribers customers users traffic occupancy share shares stock price prices valuation outlook guidance forecast
        forecasts target rating market-share result results performance productivity capacity employment jobs return
        returns yield
        """)
    static let badMetrics = words(
        """
        loss losses costs cost expenses expense debt debts deficit unemployment impairment impairments write-downs
        writedowns provisions liabilities churn inventory inventories layoffs job-cuts charges risk risks delinquencies
        defaults
        """)
    /// Movement words: which way a number went (up or down), to be read with the metric beside them. Alone they
    /// say little ("the tower will rise"), so they weigh `movementAlone` unless the polar list gives them more.
    static let up = words(
        """
        rose rise rises rising risen increase increased increases increasing up higher grew grow grows growing gained
        gain gains climbed climb climbs jumped jump jumps surged soared improved improve improves doubled tripled
        expanded expand widened widen widens wider raised raise raises raising boosted lifted lift lifts hiked upped
        exceeded topped beat beats strengthened accelerated advanced advance advances rebounded recovered
        """)
    static let down = words(
        """
        fell fall falls falling fallen decrease decreased decreases decreasing down lower declined decline declines
        declining dropped drop drops slipped slip slid slide shrank shrink shrinks contracted contract narrowed narrower narrow
        narrows narrowing cut cuts cutting reduced reduce reduces lowered lowers halved slashed trimmed weakened eased
        ease eases plunged plunge tumbled slumped sank missed eroded deteriorated
        """)
    static let movementAlone: Float = 0.12
    static let negators = words(
        "not no never without neither nor none cannot lack lacks lacked fail fails failed failing unable absence avoid avoided")
    static let intensifiers = words(
        """
        very sharply significantly strongly substantially considerably dramatically markedly greatly highly extremely
        massive huge sharp steep record significant substantial strong heavily
        """)
    static let diminishers = words("slightly marginally somewhat modestly moderately little slight modest small minor partly partially")
    /// Words after which a clause outweighs what came before ("…, but margins fell").
    static let contrasts = words("but however although though yet despite whereas while nevertheless nonetheless")
    /// Words that refer back to the company last named ("the company", "the firm", "its shares"); not "their",
    /// which refers to many ("firms are buying back their shares").
    static let references = words("company firm group bank lender insurer retailer automaker carrier chipmaker its it")

    /// Nouns that stand for a company in running text.
    static let companyNouns = words(
        "firm firms company companies maker makers supplier suppliers entity entities group groups business businesses startup")

    static func words(_ list: String) -> [String] { list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
    static func weighted(_ w: Float, _ list: String) -> [(String, Float)] { words(list).map { ($0, w) } }
}
