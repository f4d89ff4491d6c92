extension EventCue {
    /// Changes inside a company: leaders, jobs, products, and failure.
    static let corporate: [EventCue] = [
        EventCue(
            .executiveChange,
            "appoints|appointed|appoint|names|named|name|hires|hired|taps|tapped|promotes|promoted|elects|elected ~6 ceo|cfo|coo|cto|chief|chairman|chairwoman|chair|president|director|head"
        ),
        EventCue(
            .executiveChange,
            "ceo|cfo|coo|cto|chairman|chairwoman|executive|officer|president|founder ~6 resigns|resigned|resign|resignation|step|steps|stepped|stepping|retire|retires|retired|retirement|depart|departs|departure|leave|leaves|leaving|ousted|fired|exits|exit|replaced|succeeded"
        ),
        EventCue(.executiveChange, "steps|stepped|step|stepping down"),
        EventCue(.executiveChange, "succeed|succeeds|succeeding|successor|replace|replaces|replacing ~5 ceo|chief|chairman|president"),
        EventCue(.executiveChange, "new|interim|incoming|outgoing ceo|cfo|chief|chairman|president"),
        EventCue(.layoffs, "layoff|layoffs|lay-off|lay-offs|redundancies|furlough|furloughs|furloughed"),
        EventCue(.layoffs, "lay|lays|laying|laid off"),
        EventCue(.layoffs, "job cuts|losses|reductions"),
        EventCue(
            .layoffs,
            "cut|cuts|cutting|slash|slashes|slashed|eliminate|eliminates|eliminated|eliminating|shed|sheds|shedding|reduce|reduces|reduced|reducing ~4 jobs|positions|workers|employees|staff|workforce|roles|headcount"
        ),
        EventCue(.bankruptcy, "bankruptcy|bankrupt|insolvency|insolvent|receivership|liquidation"),
        EventCue(.bankruptcy, "chapter 11|7|15"),
        EventCue(.bankruptcy, "creditor protection"),
        EventCue(
            .product,
            "launch|launches|launched|launching|unveil|unveils|unveiled|unveiling|introduce|introduces|introduced|introducing|debuts|debuted|rolls|rolled|rolling|ships|shipped|announces|announced ~5 product|products|device|devices|phone|smartphone|model|models|platform|service|chip|chips|vehicle|drug|app|feature|features|version|line|lineup|out",
            unless: "offering ipo"),
        EventCue(
            .product, "launch|launches|launched|launching|unveil|unveils|unveiled|unveiling|introduce|introduces|introduced|introducing",
            unless: "offering ipo probe investigation buyback"),
    ]
}
