import Foundation

/// An instrument's news per day as an inline SVG: a bar for each day's articles, and a line through each day's
/// average sentiment (−1 at the bottom, +1 at the top; days without news leave a gap). Drawn on the server, so the
/// page needs no script or library for it.
struct NewsVolumeChart {
    struct Day {
        var label: String
        var articles: Int
        /// nil when the day had no news.
        var sentiment: Double?
    }

    let days: [Day]
    var width = 720.0
    var height = 200.0

    /// Days from `start` (the first day, UTC) for `count` days, filled from (time, sentiment) points.
    static func days(from start: Date, count: Int, points: [(Date, Double?)]) -> [Day] {
        var articles = [Int](repeating: 0, count: count)
        var sums = [Double](repeating: 0, count: count)
        var scored = [Int](repeating: 0, count: count)
        for (time, sentiment) in points {
            let d = Int((time.timeIntervalSince(start) / 86_400).rounded(.down))
            guard (0..<count).contains(d) else { continue }
            articles[d] += 1
            if let sentiment {
                sums[d] += sentiment
                scored[d] += 1
            }
        }
        let format = ArticleItem.utcFormat("MMM d")
        return (0..<count).map { d in
            Day(
                label: format.string(from: start.addingTimeInterval(Double(d) * 86_400)), articles: articles[d],
                sentiment: scored[d] > 0 ? sums[d] / Double(scored[d]) : nil)
        }
    }

    var svg: String {
        let left = 36.0
        let bottom = 24.0
        let top = 10.0
        let plotWidth = width - left - 8
        let plotHeight = height - top - bottom
        let most = max(1, days.map(\.articles).max() ?? 1)
        let step = plotWidth / Double(max(1, days.count))
        let total = days.reduce(0) { $0 + $1.articles }
        var out = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="chart-title">\
            <title id="chart-title">News per day over \(days.count) days (\(total) articles), and average sentiment</title>
            """
        // Axes and the zero-sentiment line.
        let zero = top + plotHeight / 2
        out += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(top + plotHeight))\"/>"
        out += "<line class=\"zero\" x1=\"\(f(left))\" y1=\"\(f(zero))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(zero))\"/>"
        out += "<text class=\"tick\" x=\"\(f(left - 4))\" y=\"\(f(top + 8))\" text-anchor=\"end\">\(most)</text>"
        out += "<text class=\"tick\" x=\"\(f(left - 4))\" y=\"\(f(top + plotHeight))\" text-anchor=\"end\">0</text>"
        for (i, day) in days.enumerated() {
            let x = left + Double(i) * step
            let h = plotHeight * Double(day.articles) / Double(most)
            let mood = day.sentiment.map { String(format: ", sentiment %+.2f", $0) } ?? ""
            out += "<rect class=\"bar\" x=\"\(f(x + 1))\" y=\"\(f(top + plotHeight - h))\" width=\"\(f(max(1, step - 2)))\" height=\"\(f(h))\">"
            out += "<title>\(HTML.escape(day.label)): \(day.articles) articles\(mood)</title></rect>"
            if i % 7 == 0 {
                out += "<text class=\"tick\" x=\"\(f(x + step / 2))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">\(HTML.escape(day.label))</text>"
            }
        }
        // The sentiment line, broken where a day had no news.
        var runs: [[String]] = [[]]
        for (i, day) in days.enumerated() {
            guard let s = day.sentiment else {
                if !(runs.last?.isEmpty ?? true) { runs.append([]) }
                continue
            }
            let y = zero - max(-1, min(1, s)) * plotHeight / 2
            runs[runs.count - 1].append("\(f(left + Double(i) * step + step / 2)),\(f(y))")
        }
        for run in runs where !run.isEmpty {
            out +=
                run.count == 1
                ? "<circle class=\"sentiment\" cx=\"\(run[0].split(separator: ",")[0])\" cy=\"\(run[0].split(separator: ",")[1])\" r=\"2.5\"/>"
                : "<polyline class=\"sentiment\" points=\"\(run.joined(separator: " "))\"/>"
        }
        return out + "</svg>"
    }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
