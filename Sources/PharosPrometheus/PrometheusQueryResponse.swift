public import Foundation
import PharosCore

/// The answer of Prometheus' instant-query API (`GET /api/v1/query`), as documented in Prometheus' "HTTP API"
/// page: `{"status":"success","data":{"resultType":"vector","result":[{"metric":{…},"value":[<unix>,"<v>"]}]}}`,
/// or `{"status":"error","errorType":…,"error":…}`.
public enum PrometheusQueryResponse {
    /// The metric name given to vector elements without `__name__` (results of aggregations such as `sum(up)`).
    public static let unnamedMetric = "query_result"

    /// Decodes an instant-query answer into samples.
    ///
    /// A `vector` result gives one sample per element (name = `__name__`, or ``unnamedMetric`` when the element
    /// has none); a `scalar` result gives one ``unnamedMetric`` sample; other result types (`matrix`, `string`) are
    /// refused, as the original collector only reads vectors.
    /// - Parameter body: the response body.
    /// - Returns: the samples in result order.
    /// - Throws: ``CollectorError/queryFailed(type:message:)`` for an error answer, ``CollectorError/badQueryResponse(_:)``
    ///   when the body is not such a document or a value is not a number.
    public static func samples(from body: Data) throws(CollectorError) -> [CollectedSample] {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: body)
        } catch {
            let start = String(decoding: body.prefix(120), as: UTF8.self)
            throw .badQueryResponse("not a query API JSON document: \(start.replacingOccurrences(of: "\n", with: " "))")
        }
        guard document.status == "success" else {
            throw .queryFailed(type: document.errorType ?? "error", message: document.error ?? "no message")
        }
        guard let data = document.data else { throw .badQueryResponse("no 'data' in a successful answer") }
        switch data.resultType {
        case "vector":
            guard case .vector(let elements) = data.result else {
                throw .badQueryResponse("resultType vector without a vector 'result'")
            }
            var samples: [CollectedSample] = []
            for (index, element) in elements.enumerated() {
                guard let value = Double(element.value.text) ?? special(element.value.text) else {
                    throw .badQueryResponse("result[\(index)] value '\(element.value.text)' is not a number")
                }
                var labels = element.metric
                let name = labels.removeValue(forKey: "__name__") ?? unnamedMetric
                samples.append(
                    CollectedSample(
                        name: name, labels: labels.map { MetricTag(name: $0.key, value: $0.value) }, value: value))
            }
            return samples
        case "scalar":
            guard case .pair(let pair) = data.result, let value = Double(pair.text) ?? special(pair.text) else {
                throw .badQueryResponse("resultType scalar without a [time, \"value\"] 'result'")
            }
            return [CollectedSample(name: unnamedMetric, value: value)]
        default:
            throw .badQueryResponse("result type '\(data.resultType)' is not supported (only vector and scalar)")
        }
    }

    /// Prometheus writes special values as `NaN`, `+Inf`, `-Inf`.
    private static func special(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default: return nil
        }
    }

    private struct Document: Decodable {
        var status: String
        var data: ResultData?
        var errorType: String?
        var error: String?
    }

    private struct ResultData: Decodable {
        var resultType: String
        var result: Result
    }

    private enum Result: Decodable {
        case vector([Element])
        case pair(ValuePair)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let elements = try? container.decode([Element].self) {
                self = .vector(elements)
            } else if let pair = try? container.decode(ValuePair.self) {
                self = .pair(pair)
            } else {
                self = .other
            }
        }
    }

    private struct Element: Decodable {
        var metric: [String: String]
        var value: ValuePair
    }

    /// `[<unix seconds as a number>, "<value as a string>"]`.
    private struct ValuePair: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            _ = try container.decode(Double.self)
            text = try container.decode(String.self)
        }
    }
}
