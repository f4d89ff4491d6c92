/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. Rows keep their 1-based starting line.
public enum CSVReader {
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
    }

    public static func rows(_ text: String) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        var sawAny = false
        while let c = next() {
            sawAny = true
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            inQuotes = false
                            pending = n
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: inQuotes = true
            case ",":
                fields.append(field)
                field = ""
            case "\r": continue
            case "\n":
                fields.append(field)
                rows.append(Row(line: rowStart, fields: fields))
                fields = []
                field = ""
                line += 1
                rowStart = line
            default: field.unicodeScalars.append(c)
            }
        }
        if sawAny, !(fields.isEmpty && field.isEmpty) {
            fields.append(field)
            rows.append(Row(line: rowStart, fields: fields))
        }
        return rows
    }
}
