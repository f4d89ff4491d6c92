extension EventCue {
    /// Reported results and the company's own outlook.
    static let results: [EventCue] = [
        EventCue(
            .earnings,
            "quarterly|annual|full-year|first-quarter|second-quarter|third-quarter|fourth-quarter|q1|q2|q3|q4|half-year|interim|fiscal|year-end ~2 earnings|results|revenue|revenues|sales|profit|profits|loss|income|eps",
            unless: "guidance outlook forecast forecasts expects sees"),
        EventCue(.earnings, "earnings|loss|profit per share"),
        EventCue(.earnings, "net|operating|pretax|pre-tax|quarterly ~1 profit|income|loss|earnings of"),
        EventCue(.earnings, "swung|swings|swing ~2 profit|loss"),
        EventCue(
            .earnings,
            "reported|reports|report|posted|posts|announced|announces|delivered|delivers|booked|books ~4 revenue|revenues|earnings|profit|profits|loss|sales|eps|income|results",
            unless: "guidance outlook forecast"),
        EventCue(
            .earnings,
            "revenue|revenues|sales|eps|earnings|profit|results ~4 beat|beats|missed|misses|topped|tops|exceeded|exceeds|trailed|lagged ~3 estimates|expectations|consensus|forecasts|views"
        ),
        EventCue(
            .earnings,
            "net|operating|pretax|pre-tax|gross|quarterly ~1 profit|income|loss|sales|revenue ~4 rose|fell|increased|decreased|grew|declined|jumped|dropped|totaled|totalled|was|were|came|widened|narrowed|amounted|climbed|slipped"
        ),
        EventCue(.guidance, "guidance|guidances", unless: "regulatory regulator regulators resumption exchange"),
        EventCue(
            .guidance,
            "raises|raised|raise|lowers|lowered|lower|cuts|cut|reaffirms|reaffirmed|reiterates|reiterated|boosts|boosted|issues|issued|withdraws|withdrew|suspends|suspended|updates|updated|narrows|narrowed|trims|trimmed|hikes|hiked ~3 outlook|forecast|forecasts|view|target|targets",
            unless: "price analyst analysts"),
        EventCue(
            .guidance,
            "sees|expects|projects|anticipates ~5 revenue|revenues|sales|eps|earnings|profit|loss|ebitda|margin|margins|spending|capex|expenses",
            unless: "analysts analyst"),
        EventCue(.guidance, "profit|earnings|revenue|sales warning|warnings"),
        EventCue(.guidance, "warns|warned ~4 profit|earnings|revenue|revenues|sales|results"),
    ]
}
