/// The compiled form of a filter expression: an immutable syntax tree evaluated by ``ExpressionEvaluator``.
///
/// Columns are 1-based (Unicode scalars) and are used to locate evaluation errors.
indirect enum ExpressionNode: Sendable {
    /// A unary operator of ES5 §11.4.
    enum UnaryOperator: Sendable {
        case not, bitwiseNot, plus, minus, typeOf, void
    }

    /// A binary operator that evaluates both operands (ES5 §11.5 to §11.10).
    enum BinaryOperator: Sendable {
        case multiply, divide, remainder, add, subtract
        case shiftLeft, shiftRight, unsignedShiftRight
        case less, greater, lessOrEqual, greaterOrEqual, inObject
        case looseEqual, looseNotEqual, strictEqual, strictNotEqual
        case bitwiseAnd, bitwiseXor, bitwiseOr
    }

    case literal(JSValue)
    /// An array literal; `nil` elements are holes (`[1,,2]`), read as `undefined`.
    case array([ExpressionNode?])
    case identifier(String, column: Int)
    case member(ExpressionNode, String, column: Int)
    case index(ExpressionNode, ExpressionNode, column: Int)
    case call(ExpressionNode, [ExpressionNode], column: Int)
    case unary(UnaryOperator, ExpressionNode)
    case binary(BinaryOperator, ExpressionNode, ExpressionNode)
    case and(ExpressionNode, ExpressionNode)
    case or(ExpressionNode, ExpressionNode)
    case conditional(ExpressionNode, ExpressionNode, ExpressionNode)
}
