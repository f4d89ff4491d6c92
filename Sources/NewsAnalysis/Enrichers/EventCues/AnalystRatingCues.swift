extension EventCue {
    /// Rating changes and price targets: "Morgan Stanley upgrades Alibaba to Overweight", "raises PT to $300",
    /// "analysts at Truist kept a buy rating".
    static let analystRatings: [EventCue] = [
        EventCue(
            .analystRating, "upgrades|upgraded|upgrade|downgrades|downgraded|downgrade|upgrading|downgrading ~8 to|at|from",
            unless: "network software system systems facility facilities fleet infrastructure credit moody's fitch bond debt",
            attributes: .rating),
        EventCue(
            .analystRating, "initiates|initiated|initiate|initiating|starts|started|begins|began|resumes|resumed|assumes|assumed coverage",
            attributes: .rating),
        EventCue(.analystRating, "price target|targets|objective", attributes: .rating),
        EventCue(
            .analystRating,
            // Not "to buy" or "to hold": everyday phrases; ratings in those words come with "upgrades", "rating" and the like.
            "to|from overweight|underweight|outperform|underperform|equal-weight|market-perform|sector-perform|accumulate",
            attributes: .rating),
        EventCue(.analystRating, "pt|pts to|from|of|at", attributes: .rating),
        EventCue(
            .analystRating,
            "reiterates|reiterated|reiterate|maintains|maintained|maintain|kept|keeps|reaffirms|reaffirmed|affirms|affirmed|rates|rated|rating ~4 buy|sell|hold|overweight|underweight|outperform|underperform|neutral|equal-weight|accumulate|reduce",
            attributes: .rating),
        EventCue(
            .analystRating,
            "buy|sell|hold|overweight|underweight|outperform|underperform|neutral|equal-weight|market-perform|sector-perform rating|ratings",
            attributes: .rating),
    ]
}
