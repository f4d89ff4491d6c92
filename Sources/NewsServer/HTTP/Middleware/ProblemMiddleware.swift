import Hummingbird
import Logging
import NIOCore
import NewsStore

/// Turns every error into a problem response: the API's own errors as they are, the store's query errors as 400s,
/// Hummingbird's (an unknown route, a body over the limit) by their status, and anything else as a logged 500 that
/// says nothing internal.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as NewsQueryError {
            let code = APIError.Code(rawValue: error.code) ?? .invalidParameter
            return try APIError(code.status == .badRequest ? code : .invalidParameter, error.description).response(from: request, context: context)
        } catch let error as StoreUnavailable {
            context.logger.warning("\(request.method) \(request.uri.path): \(error)")
            return try APIError(.unavailable, "the database is unavailable for a moment; nothing was changed; try again shortly", retryAfter: 1)
                .response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            return try APIError(.bodyTooLarge, "the request body is larger than this endpoint takes").response(from: request, context: context)
        } catch let error as HTTPError {
            return try Self.problem(for: error, request).response(from: request, context: context)
        } catch {
            context.logger.error("\(request.method) \(request.uri.path): \(String(reflecting: error))")
            return try APIError(.internal, "the server could not complete the request; it has been logged").response(from: request, context: context)
        }
    }

    static func problem(for error: HTTPError, _ request: Request) -> APIError {
        switch error.status {
        case .notFound: APIError(.notFound, "no route \(request.method) \(request.uri.path); see /openapi.json")
        case .methodNotAllowed: APIError(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path)")
        case .contentTooLarge: APIError(.bodyTooLarge, error.body ?? "the request body is too large")
        case .unsupportedMediaType: APIError(.unsupportedMediaType, error.body ?? "unsupported content type")
        case .unauthorized: APIError(.unauthorized, error.body ?? "an API key is required")
        case .badRequest: APIError(.invalidParameter, error.body ?? "bad request")
        default: APIError(.internal, error.body ?? "HTTP \(error.status.code)")
        }
    }
}
