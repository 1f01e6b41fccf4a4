package io.sluice.executor.expr;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Compiles an {@link Expr} against an input schema into column-at-a-time kernels. Every check
 * happens here: an operator or type combination the kernels cannot run fails at compile time with
 * {@link ErrorCode#FEATURE_NOT_SUPPORTED}, never while a pipeline runs.
 */
public final class ExpressionCompiler {
    private ExpressionCompiler() {}

    /**
     * Compiles {@code expr}; the result holds scratch vectors from {@code allocator} and must be
     * closed.
     */
    public static CompiledExpression compile(
            Expr expr, RowSchema inputSchema, BufferAllocator allocator) {
        requireNonNull(expr, "expr is null");
        requireNonNull(inputSchema, "inputSchema is null");
        requireNonNull(allocator, "allocator is null");
        ExprNode root = new Builder(inputSchema, allocator).build(expr);
        return new CompiledExpression(root, allocator);
    }

    private static final class Builder {
        private final RowSchema schema;
        private final BufferAllocator allocator;

        Builder(RowSchema schema, BufferAllocator allocator) {
            this.schema = schema;
            this.allocator = allocator;
        }

        ExprNode build(Expr expr) {
            if (expr instanceof InputRef) {
                InputRef ref = (InputRef) expr;
                if (ref.index() >= schema.size()) {
                    throw new SluiceException(
                            ErrorCode.INTERNAL_ERROR,
                            "column reference $" + ref.index() + " beyond the input's columns");
                }
                SqlType actual = schema.column(ref.index()).type();
                if (actual.kind() != ref.type().kind()) {
                    throw new SluiceException(
                            ErrorCode.INTERNAL_ERROR,
                            "column reference $"
                                    + ref.index()
                                    + " has type "
                                    + ref.type().kind()
                                    + " but the input column is "
                                    + actual.kind());
                }
                return new InputRefNode(ref.index(), actual);
            }
            if (expr instanceof Literal) {
                return new LiteralNode((Literal) expr, allocator);
            }
            Call call = (Call) expr;
            List<ExprNode> operands = new ArrayList<>();
            try {
                for (Expr operand : call.operands()) {
                    operands.add(build(operand));
                }
                return buildCall(call, operands);
            } catch (RuntimeException e) {
                operands.forEach(ExprNode::close);
                throw e;
            }
        }

        private ExprNode buildCall(Call call, List<ExprNode> operands) {
            Operator operator = call.operator();
            SqlType type = call.type();
            switch (operator) {
                case EQUALS:
                case NOT_EQUALS:
                case LESS_THAN:
                case LESS_THAN_OR_EQUAL:
                case GREATER_THAN:
                case GREATER_THAN_OR_EQUAL:
                    checkArity(call, 2);
                    return new ComparisonNode(
                            operator, operands.get(0), operands.get(1), boolType(type), allocator);
                case AND:
                case OR:
                    if (operands.isEmpty()) {
                        throw unsupported(call, "needs operands");
                    }
                    operands.forEach(operand -> checkBoolean(call, operand));
                    return new LogicalNode(
                            operator == Operator.AND, operands, boolType(type), allocator);
                case NOT:
                    checkArity(call, 1);
                    checkBoolean(call, operands.get(0));
                    return new NotNode(operands.get(0), boolType(type), allocator);
                case IS_NULL:
                case IS_NOT_NULL:
                    checkArity(call, 1);
                    return new NullTestNode(
                            operands.get(0),
                            operator == Operator.IS_NULL,
                            boolType(type),
                            allocator);
                case JSON_GET:
                case JSON_GET_TEXT:
                    return jsonGet(call, operands);
                case CAST:
                    checkArity(call, 1);
                    return CastNode.create(operands.get(0), type, allocator);
                case PLUS:
                case MINUS:
                case TIMES:
                case DIVIDE:
                    checkArity(call, 2);
                    return new ArithmeticNode(
                            operator, operands.get(0), operands.get(1), type, allocator);
                case LIKE:
                    return like(call, operands);
                case UPPER:
                case LOWER:
                    checkArity(call, 1);
                    checkText(call, operands.get(0));
                    if (type.kind() != TypeKind.TEXT) {
                        throw unsupported(call, "returns TEXT, not " + type.kind());
                    }
                    return new CaseConversionNode(
                            operands.get(0), operator == Operator.UPPER, type, allocator);
                case COALESCE:
                    if (operands.isEmpty()) {
                        throw unsupported(call, "needs operands");
                    }
                    List<ExprNode> coerced = new ArrayList<>();
                    for (int i = 0; i < operands.size(); i++) {
                        ExprNode operand = operands.get(i);
                        if (operand.type.kind() != type.kind()) {
                            operand = CastNode.create(operand, type, allocator);
                            operands.set(i, operand);
                        }
                        coerced.add(operand);
                    }
                    return new CoalesceNode(coerced, type, allocator);
                case CASE:
                    return caseWhen(call, operands);
                case ILIKE:
                    return ilike(call, operands);
                default:
                    ExprNode function = new FunctionCompiler(allocator).compile(call, operands);
                    if (function == null) {
                        throw unsupported(call, "is not supported");
                    }
                    return function;
            }
        }

        private ExprNode caseWhen(Call call, List<ExprNode> operands) {
            if (operands.size() < 3 || operands.size() % 2 == 0) {
                throw unsupported(call, "needs WHEN/THEN pairs and an ELSE value");
            }
            SqlType type = call.type();
            List<ExprNode> conditions = new ArrayList<>();
            List<ExprNode> values = new ArrayList<>();
            for (int i = 0; i + 1 < operands.size(); i += 2) {
                checkBoolean(call, operands.get(i));
                conditions.add(operands.get(i));
                values.add(coerce(operands, i + 1, type));
            }
            ExprNode otherwise = coerce(operands, operands.size() - 1, type);
            return new CaseNode(conditions, values, otherwise, type, allocator);
        }

        /** The operand at {@code index}, cast to {@code type} when its kind differs. */
        private ExprNode coerce(List<ExprNode> operands, int index, SqlType type) {
            ExprNode operand = operands.get(index);
            if (operand.type.kind() != type.kind()) {
                operand = CastNode.create(operand, type, allocator);
                operands.set(index, operand);
            }
            return operand;
        }

        private ExprNode jsonGet(Call call, List<ExprNode> operands) {
            checkArity(call, 2);
            ExprNode json = operands.get(0);
            if (json.type.kind() != TypeKind.JSON && json.type.kind() != TypeKind.TEXT) {
                throw unsupported(call, "needs a JSON or TEXT operand, not " + json.type.kind());
            }
            Expr keyExpr = call.operands().get(1);
            if (!(keyExpr instanceof Literal)) {
                throw unsupported(call, "needs a constant key");
            }
            Literal key = (Literal) keyExpr;
            boolean integerKey = Vectors.isIntegral(key.type().kind());
            if (!integerKey && !Vectors.isText(key.type().kind())) {
                throw unsupported(call, "needs a text or integer key");
            }
            TypeKind resultKind = call.type().kind();
            if (!Vectors.isText(resultKind)) {
                throw unsupported(call, "returns JSON or TEXT, not " + resultKind);
            }
            if (key.isNull()) {
                // a NULL key gives NULL for every row
                operands.forEach(ExprNode::close);
                return new CoalesceNode(
                        List.of(new LiteralNode(new Literal(null, call.type()), allocator)),
                        call.type(),
                        allocator);
            }
            operands.get(1).close();
            return new JsonGetNode(
                    json,
                    key.value(),
                    integerKey,
                    call.operator() == Operator.JSON_GET_TEXT,
                    call.type(),
                    allocator);
        }

        private ExprNode like(Call call, List<ExprNode> operands) {
            if (operands.size() != 2 && operands.size() != 3) {
                throw unsupported(call, "takes 2 or 3 operands");
            }
            checkText(call, operands.get(0));
            String pattern = constantText(call, 1);
            String escape = operands.size() == 3 ? constantText(call, 2) : "\\";
            for (int i = 1; i < operands.size(); i++) {
                operands.get(i).close();
            }
            if (pattern == null || escape == null) {
                operands.get(0).close();
                return new CoalesceNode(
                        List.of(
                                new LiteralNode(
                                        new Literal(null, boolType(call.type())), allocator)),
                        boolType(call.type()),
                        allocator);
            }
            return new LikeNode(operands.get(0), pattern, escape, boolType(call.type()), allocator);
        }

        /** ILIKE: LIKE on the lower-cased text with the lower-cased pattern. */
        private ExprNode ilike(Call call, List<ExprNode> operands) {
            if (operands.size() != 2 && operands.size() != 3) {
                throw unsupported(call, "takes 2 or 3 operands");
            }
            checkText(call, operands.get(0));
            String pattern = constantText(call, 1);
            String escape = operands.size() == 3 ? constantText(call, 2) : "\\";
            List<Expr> lowered = new ArrayList<>(call.operands());
            if (pattern != null) {
                lowered.set(
                        1,
                        new Literal(
                                pattern.toLowerCase(java.util.Locale.ROOT),
                                call.operands().get(1).type()));
            }
            ExprNode text = operands.get(0);
            operands.set(
                    0, new CaseConversionNode(text, false, SqlType.of(TypeKind.TEXT), allocator));
            return like(new Call(Operator.LIKE, lowered, call.type()), operands);
        }

        private String constantText(Call call, int index) {
            Expr operand = call.operands().get(index);
            if (!(operand instanceof Literal) || !Vectors.isText(operand.type().kind())) {
                throw unsupported(call, "needs a constant text pattern");
            }
            return ((Literal) operand).value();
        }

        private static SqlType boolType(SqlType type) {
            if (type.kind() != TypeKind.BOOLEAN) {
                throw Vectors.unsupported("a predicate must return BOOLEAN, not " + type.kind());
            }
            return type;
        }

        private static void checkArity(Call call, int arity) {
            if (call.operands().size() != arity) {
                throw unsupported(call, "takes " + arity + " operand(s)");
            }
        }

        private static void checkBoolean(Call call, ExprNode operand) {
            if (operand.type.kind() != TypeKind.BOOLEAN) {
                throw unsupported(call, "needs BOOLEAN operands, not " + operand.type.kind());
            }
        }

        private static void checkText(Call call, ExprNode operand) {
            if (!Vectors.isText(operand.type.kind())) {
                throw unsupported(call, "needs a TEXT operand, not " + operand.type.kind());
            }
        }

        private static SluiceException unsupported(Call call, String message) {
            return Vectors.unsupported(call.operator() + " " + message);
        }
    }
}
