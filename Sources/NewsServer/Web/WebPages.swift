import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The dashboard's templates (swift-mustache, shipped as resources) and its two static files, loaded once; and
/// every page's response, with the security headers.
struct WebPages: Sendable {
    let library: MustacheLibrary
    let assets: [String: (bytes: [UInt8], type: String)]

    /// No inline script or style anywhere, no third party: the policy allows the server's own files alone.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static func load() throws -> WebPages {
        guard let web = Bundle.module.url(forResource: "web", withExtension: nil) else { throw WebPagesError.missing("web") }
        var templates: [String: MustacheTemplate] = [:]
        let folder = web.appendingPathComponent("templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            templates[String(name.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
        }
        var assets: [String: (bytes: [UInt8], type: String)] = [:]
        for (name, type) in [("app.css", "text/css; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8")] {
            assets[name] = ([UInt8](try Data(contentsOf: web.appendingPathComponent("static").appendingPathComponent(name))), type)
        }
        return WebPages(library: MustacheLibrary(templates: templates), assets: assets)
    }

    /// A page, or a fragment the page's script asks for, rendered with `context`.
    func render(_ template: String, _ context: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(context, withTemplate: template) ?? "template \(template) is missing"
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        Self.secure(&response)
        return response
    }

    /// A redirect after a form (303: the browser follows with a GET).
    static func redirect(to location: String) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        secure(&response)
        return response
    }

    static func secure(_ response: inout Response) {
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[.cacheControl] = "no-store"
    }

    func asset(_ name: String) -> Response? {
        guard let asset = assets[name] else { return nil }
        var response = Response(
            status: .ok, headers: [.contentType: asset.type, .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return response
    }
}

enum WebPagesError: Error {
    case missing(String)
}
