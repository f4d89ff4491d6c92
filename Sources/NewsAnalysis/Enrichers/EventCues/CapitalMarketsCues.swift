extension EventCue {
    /// Going public, raising capital, listings, and returning cash to shareholders.
    static let capitalMarkets: [EventCue] = [
        // "since its 2007 IPO" recalls history; it is not news of one.
        EventCue(.ipo, "ipo|ipos|spac", unless: "since"),
        EventCue(.ipo, "initial public offering|offerings|listing", unless: "since"),
        EventCue(.ipo, "go|goes|going|went public"),
        EventCue(.ipo, "public|market|trading debut"),
        EventCue(
            .offering,
            "secondary|follow-on|public|stock|share|equity|convertible|registered|direct|underwritten|rights|bond|debt|notes|atm ~1 offering|offerings|sale|sales|placement|placing|issue|issuance",
            unless: "initial ipo"),
        EventCue(.offering, "offering of ~4 shares|notes|stock|bonds|debentures|units"),
        EventCue(.offering, "secondary|second|dual listing|listings"),
        EventCue(.offering, "private ~1 placement|placements|placing"),
        EventCue(.offering, "prices|priced|pricing|launches|launched ~3 offering"),
        EventCue(
            .listing,
            "list|lists|listed|listing ~3 on|in ~3 nasdaq|nyse|exchange|stock|hong|shanghai|shenzhen|london|tokyo|star|main|board|market",
            unless: "companies firms stocks secondary dual delisting delisted delist"),
        EventCue(
            .listing,
            "begins|began|begin|start|starts|started|commence|commences|commenced trading on|in ~4 nasdaq|nyse|exchange|board|hong|london|tokyo|shanghai|shenzhen"
        ),
        EventCue(.listing, "uplisting|uplist|uplisted|uplists"),
        EventCue(.listing, "moved|moves|move|moving|transfer|transfers|transferred|switch|switches|switched ~2 listing"),
        EventCue(.listing, "direct listing|listings"),
        EventCue(.delisting, "delisting|delisted|delist|delists|delistings"),
        EventCue(.delisting, "deficiency|non-compliance|noncompliance ~3 notice|letter|listing|nasdaq|nyse"),
        EventCue(.dividend, "dividend|dividends", unless: "yield yields aristocrat aristocrats"),
        EventCue(.dividend, "cash|quarterly|special distribution|distributions"),
        EventCue(.buyback, "buyback|buybacks|buy-back|buy-backs"),
        EventCue(
            .buyback, "repurchase|repurchases|repurchased|repurchasing|repurchasing|repurchase|buy|buys|bought ~3 shares|stock|program|programme|plan"
        ),
        EventCue(.buyback, "share|stock repurchase|repurchases"),
        EventCue(.buyback, "buy|buys|bought|buying back"),
        EventCue(.stockSplit, "stock|share|reverse ~1 split|splits"),
        EventCue(.stockSplit, "split ~3 stock|shares"),
    ]
}
