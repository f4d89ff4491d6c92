import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// No alert is lost, with real processes: the server is killed with SIGKILL while the webhook endpoint is down, the
/// server comes back, then the endpoint; every alert arrives, and a receiver that deduplicates by `webhook-id` sees
/// each once.
@Suite(.serialized) struct AlertDurabilityTests {
    static let receiverScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("webhook_receiver.py").path

    /// A loopback port free now (the receiver binds it later).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    static func base(_ lines: [String]) throws -> String {
        try #require(lines.first { $0.contains("serving http") }?.split(separator: " ").first { $0.hasPrefix("http") }.map(String.init), "\(lines)")
    }

    @Test func everyAlertArrivesOnceAfterAKillWhileTheEndpointIsDown() throws {
        let dir = try IngestCommandTests.tempDir()
        let key = "tw_durability_admin_key_\(UInt32.random(in: 0...UInt32.max))"
        // Retries every half second for a minute: the endpoint's outage and the restart fit well inside.
        let env = ["TICKERWIRE_ADMIN_KEY=\(key)", "TICKERWIRE_WEBHOOK_RETRIES=" + Array(repeating: "0.5", count: 120).joined(separator: ",")]
        var (server, lines) = try ServeCommandTests.start(in: dir, env: env)
        var base = try Self.base(lines)
        let port = try Self.freePort()
        let (_, hook) = try ServeCommandTests.call(base + "/v1/webhooks", key: key, body: #"{"url": "http://127.0.0.1:\#(port)/hook"}"#)
        let hookID = try #require((try JSONSerialization.jsonObject(with: Data(hook.utf8)) as? [String: Any])?["id"] as? String, "\(hook)")
        for (name, query) in [("apple", "ticker:AAPL"), ("microsoft", "ticker:MSFT")] {
            let (status, _) = try ServeCommandTests.call(
                base + "/v1/rules", key: key, body: #"{"name": "\#(name)", "query": "\#(query)", "webhooks": ["\#(hookID)"]}"#)
            #expect(status == 201)
        }
        // Twenty different stories (templated short texts would cluster into fewer): each body draws its own words.
        let companies = ["Apple Inc. (NASDAQ: AAPL)", "Microsoft Corp. (NASDAQ: MSFT)"]
        let words = """
            harbor quartz lantern meadow copper violet summit orchard glacier falcon ember willow canyon saffron timber \
            marble cobalt prairie thistle beacon walnut granite juniper lagoon maple nickel opal pepper quarry raven \
            sierra tundra umber velvet wharf yarrow zephyr anchor basalt cedar delta fjord garnet hazel iris jasper
            """.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        var expected = 0
        for n in 0..<20 {
            let who = companies[n % 2]
            var state = UInt64(n + 1) &* 0x9E37_79B9_7F4A_7C15
            let own = (0..<24).map { _ -> String in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return words[Int(state >> 33) % words.count]
            }.joined(separator: " ")
            let body =
                #"{"id": "d\#(n)", "title": "\#(who): \#(own.split(separator: " ").prefix(5).joined(separator: " ")) \#(n)", "body": "\#(who) reported \#(own).", "source": "wire"}"#
            let (status, reply) = try ServeCommandTests.call(base + "/v1/articles", key: key, body: body)
            #expect(status == 202, "\(reply)")
            expected += 1
        }
        // Attempts fail (nothing listens); then the server dies without a chance to save anything.
        usleep(1_500_000)
        ChildProcess.stop(server, signal: SIGKILL)

        (server, lines) = try ServeCommandTests.start(in: dir, env: env)
        defer { ChildProcess.stop(server) }
        base = try Self.base(lines)
        let log = dir.appendingPathComponent("received.log").path
        let receiver = try ChildProcess.spawn(["/usr/bin/env", "python3", Self.receiverScript, String(port), log], stdout: "/dev/null")
        defer { ChildProcess.stop(receiver) }

        var ids: [String] = []
        let deadline = Date().addingTimeInterval(60)
        while Set(ids).count < expected, Date() < deadline {
            usleep(200_000)
            ids = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        #expect(Set(ids).count == expected, "every alert is delivered: \(Set(ids).count) of \(expected)")
        let (_, alerts) = try ServeCommandTests.call(base + "/v1/alerts?limit=100", key: key)
        let listed = (try JSONSerialization.jsonObject(with: Data(alerts.utf8)) as? [String: Any])?["alerts"] as? [Any]
        #expect(listed?.count == expected, "one alert per article, none lost in the kill")
        let (_, deliveries) = try ServeCommandTests.call(base + "/v1/webhooks/\(hookID)/deliveries?limit=100", key: key)
        let delivered = (try JSONSerialization.jsonObject(with: Data(deliveries.utf8)) as? [String: Any])?["deliveries"] as? [[String: Any]] ?? []
        #expect(Set(delivered.compactMap { $0["id"] as? String }) == Set(ids), "what arrived is what the server delivered")
        #expect(delivered.allSatisfy { $0["status"] as? String == "delivered" })
    }
}
