extension EventCue {
    /// Governments and courts: sanctions and export controls, regulators' probes, approvals and fines, lawsuits.
    static let legalAndRegulatory: [EventCue] = [
        EventCue(.sanction, "blacklist|blacklisted|blacklisting|us-blacklisted|sanction|sanctions|sanctioned|sanctioning"),
        EventCue(.sanction, "entity list"),
        EventCue(.sanction, "export|exports ~1 controls|control|restrictions|ban|bans|curbs|license|licenses"),
        EventCue(.sanction, "trade ~1 blacklist|ban|restrictions"),
        EventCue(.regulatory, "probe|probes|probing|inquiry|antitrust|subpoena|subpoenaed|fined|wells notice"),
        // A law firm's "investigation" of claims is a lawsuit in the making, not a regulator's.
        EventCue(.regulatory, "investigation|investigations|investigating|investigated", unless: "clinical investigational law attorneys lawyers"),
        EventCue(.regulatory, "fine|fines|penalty|penalties ~3 of|for|over"),
        EventCue(
            .regulatory,
            "fda|sec|ftc|doj|regulator|regulators|regulatory|ema|cfius|commission|authorities|authority|cma|ministry ~5 approval|approves|approved|clears|cleared|clearance|probe|investigation|fine|fined|investigating|probing|charged|charges|rejected|rejects|blocks|blocked|authorized|authorizes|authorization",
            unless: "dividend buyback"),
        EventCue(.regulatory, "receives|received|wins|won|gains|gained|obtains|obtained|secures|secured ~3 approval|clearance|authorization"),
        EventCue(.legal, "lawsuit|lawsuits|litigation|sued|sues|suing|indicted|indictment|plaintiff|plaintiffs|verdict|jury"),
        EventCue(.legal, "class action"),
        EventCue(.legal, "patent ~1 infringement|dispute|case|suit"),
        EventCue(.legal, "settle|settles|settled|settlement|settling ~5 lawsuit|case|claims|charges|suit|allegations|litigation|dispute"),
        EventCue(.legal, "court|judge ~5 ruled|rules|ordered|orders|dismissed|rejected|blocked|approved"),
        EventCue(.legal, "files|filed|file ~3 suit|lawsuit|complaint"),
    ]
}
