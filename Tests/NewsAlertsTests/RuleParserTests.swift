import Testing

@testable import NewsAlerts

@Suite struct RuleParserTests {
    @Test(arguments: [
        ("ticker:BABA event:sanction", "(ticker:BABA AND event:sanction)"),
        ("ticker:@core relevance>=75", "(ticker:@core AND relevance>=75)"),
        ("ticker:AMZN sentiment<-0.5", "(ticker:AMZN AND sentiment<-0.5)"),
        (#""share buyback" -ticker:(GME OR AMC)"#, #"("share buyback" AND NOT (ticker:GME OR ticker:AMC))"#),
        ("ticker:aapl OR ticker:msft AND event:earnings", "(ticker:AAPL OR (ticker:MSFT AND event:earnings))"),
        ("(ticker:AAPL OR ticker:MSFT) AND NOT title:rumour*", "((ticker:AAPL OR ticker:MSFT) AND NOT title:rumour*)"),
        (
            #"body:"price target" novelty>50 source:reuters exchange:nyse"#,
            #"(body:"price target" AND novelty>50 AND source:reuters AND exchange:NYSE)"#
        ),
        ("ticker:BRK.B ticker:9988.HK", "(ticker:BRK.B AND ticker:9988.HK)"),
        ("Buyback", "buyback"),
        ("sentiment<=0 relevance=100", "(sentiment<=0 AND relevance=100)"),
        (#"ticker:"OR" ticker:(AAPL OR "AND")"#, "(ticker:OR AND (ticker:AAPL OR ticker:AND))"),
    ])
    func parsesTheContractsLanguage(rule: String, canonical: String) throws {
        #expect(try RuleParser.parse(rule).description == canonical)
    }

    @Test(arguments: [
        ("", 0, "empty"),
        ("ticker:", 7, "needs a value"),
        ("tickr:AAPL", 0, "unknown field \"tickr\""),
        ("event:rumour", 6, "unknown event type"),
        ("relevance:75", 0, "compare it"),
        ("relevance>=175", 11, "between 0 and 100"),
        ("sentiment<x", 10, "needs a number"),
        ("title>3", 5, "not a number"),
        ("(ticker:AAPL", 0, "never closed"),
        ("ticker:AAPL)", 11, "closes nothing"),
        (#"title:"open"#, 6, "never closed"),
        ("ticker:AAPL OR", 12, "OR needs something"),
        ("NOT", 0, "negation needs"),
        ("bu*yback", 0, "only at the end"),
        ("event:@list", 6, "only ticker takes a watchlist"),
        ("ticker:(AAPL MSFT)", 13, "expected OR or )"),
    ])
    func errorsSayWhereAndWhy(rule: String, position: Int, message: String) {
        do {
            let parsed = try RuleParser.parse(rule)
            Issue.record("\(rule) should not parse, got \(parsed)")
        } catch {
            #expect(error.position == position, "\(rule): \(error)")
            #expect(error.message.contains(message), "\(rule): \(error)")
        }
    }

    @Test func aCaretPointsAtTheError() throws {
        do {
            _ = try RuleParser.parse("ticker:AAPL event:rumour")
        } catch {
            #expect(error.pointing(into: "ticker:AAPL event:rumour").hasSuffix("\n                  ^ " + error.message))
        }
    }
}
