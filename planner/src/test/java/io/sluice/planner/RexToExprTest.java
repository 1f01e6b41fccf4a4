package io.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.expr.Call;
import io.sluice.executor.expr.Expr;
import io.sluice.executor.expr.InputRef;
import io.sluice.executor.expr.Literal;
import io.sluice.executor.expr.Operator;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.planner.calcite.PlannerOperators;
import io.sluice.planner.calcite.RexToExpr;
import io.sluice.planner.type.SluiceTypeFactory;
import io.sluice.planner.type.TypeMapping;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.Test;

class RexToExprTest {
    private final SluiceTypeFactory types = new SluiceTypeFactory();
    private final RexBuilder rex = new RexBuilder(types);
    private final RexToExpr translator = new RexToExpr(rex);

    private final RelDataType text =
            types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true);
    private final RelDataType integer = types.createSqlType(SqlTypeName.INTEGER);
    private final RexNode textColumn = rex.makeInputRef(text, 0);
    private final RexNode intColumn = rex.makeInputRef(integer, 1);
    private final RexNode jsonColumn = rex.makeInputRef(TypeMapping.jsonType(types, true), 2);

    @Test
    void inputRefsAndLiterals() {
        assertThat(translator.translate(intColumn))
                .isEqualTo(new InputRef(1, new SqlType(TypeKind.INTEGER, 0, 0, false)));
        assertThat(translator.translate(jsonColumn))
                .isEqualTo(new InputRef(2, SqlType.of(TypeKind.JSON)));
        assertThat(translator.translate(rex.makeLiteral("héllo")))
                .isEqualTo(new Literal("héllo", SqlType.of(TypeKind.TEXT).withNullable(false)));
        assertThat(translator.translate(rex.makeExactLiteral(new BigDecimal("12.50"))))
                .extracting(e -> ((Literal) e).value())
                .isEqualTo("12.50");
        assertThat(translator.translate(rex.makeLiteral(true)))
                .isEqualTo(new Literal("true", new SqlType(TypeKind.BOOLEAN, 0, 0, false)));
        assertThat(
                        ((Literal)
                                        translator.translate(
                                                rex.makeDateLiteral(new DateString("1970-01-11"))))
                                .value())
                .isEqualTo("10");
        assertThat(
                        ((Literal)
                                        translator.translate(
                                                rex.makeTimestampLiteral(
                                                        new TimestampString(
                                                                "1970-01-01 00:00:01.000002"),
                                                        6)))
                                .value())
                .isEqualTo("1000002");
        Literal nullLiteral = (Literal) translator.translate(rex.makeNullLiteral(text));
        assertThat(nullLiteral.isNull()).isTrue();
        assertThat(nullLiteral.type().kind()).isEqualTo(TypeKind.TEXT);
    }

    @Test
    void comparisonsAndLogic() {
        RexNode one = rex.makeExactLiteral(BigDecimal.ONE);
        assertOperator(SqlStdOperatorTable.EQUALS, Operator.EQUALS, intColumn, one);
        assertOperator(SqlStdOperatorTable.NOT_EQUALS, Operator.NOT_EQUALS, intColumn, one);
        assertOperator(SqlStdOperatorTable.LESS_THAN, Operator.LESS_THAN, intColumn, one);
        assertOperator(
                SqlStdOperatorTable.LESS_THAN_OR_EQUAL,
                Operator.LESS_THAN_OR_EQUAL,
                intColumn,
                one);
        assertOperator(SqlStdOperatorTable.GREATER_THAN, Operator.GREATER_THAN, intColumn, one);
        assertOperator(
                SqlStdOperatorTable.GREATER_THAN_OR_EQUAL,
                Operator.GREATER_THAN_OR_EQUAL,
                intColumn,
                one);
        RexNode condition = rex.makeCall(SqlStdOperatorTable.IS_NULL, textColumn);
        assertOperator(SqlStdOperatorTable.IS_NULL, Operator.IS_NULL, textColumn);
        assertOperator(SqlStdOperatorTable.IS_NOT_NULL, Operator.IS_NOT_NULL, textColumn);
        assertOperator(SqlStdOperatorTable.NOT, Operator.NOT, condition);
        assertOperator(SqlStdOperatorTable.AND, Operator.AND, condition, condition);
        assertOperator(SqlStdOperatorTable.OR, Operator.OR, condition, condition);
    }

    @Test
    void arithmeticAndFunctions() {
        RexNode two = rex.makeExactLiteral(BigDecimal.valueOf(2));
        assertOperator(SqlStdOperatorTable.PLUS, Operator.PLUS, intColumn, two);
        assertOperator(SqlStdOperatorTable.MINUS, Operator.MINUS, intColumn, two);
        assertOperator(SqlStdOperatorTable.MULTIPLY, Operator.TIMES, intColumn, two);
        assertOperator(SqlStdOperatorTable.DIVIDE, Operator.DIVIDE, intColumn, two);
        assertOperator(SqlStdOperatorTable.LIKE, Operator.LIKE, textColumn, rex.makeLiteral("a%"));
        assertOperator(SqlStdOperatorTable.UPPER, Operator.UPPER, textColumn);
        assertOperator(SqlStdOperatorTable.LOWER, Operator.LOWER, textColumn);
        assertOperator(
                SqlStdOperatorTable.COALESCE, Operator.COALESCE, textColumn, rex.makeLiteral("x"));

        Call negated =
                (Call)
                        translator.translate(
                                rex.makeCall(SqlStdOperatorTable.UNARY_MINUS, intColumn));
        assertThat(negated.operator()).isEqualTo(Operator.MINUS);
        assertThat(((Literal) negated.operands().get(0)).value()).isEqualTo("0");
    }

    @Test
    void castKeepsTargetType() {
        Call cast =
                (Call)
                        translator.translate(
                                rex.makeCast(types.createSqlType(SqlTypeName.BIGINT), intColumn));
        assertThat(cast.operator()).isEqualTo(Operator.CAST);
        assertThat(cast.type().kind()).isEqualTo(TypeKind.BIGINT);
        assertThat(cast.operands()).containsExactly(translator.translate(intColumn));
    }

    @Test
    void jsonOperatorsTypeTheirResults() {
        Call getText =
                (Call)
                        translator.translate(
                                rex.makeCall(
                                        PlannerOperators.JSON_GET_TEXT,
                                        jsonColumn,
                                        rex.makeLiteral("k")));
        assertThat(getText.operator()).isEqualTo(Operator.JSON_GET_TEXT);
        assertThat(getText.type().kind()).isEqualTo(TypeKind.TEXT);
        Call get =
                (Call)
                        translator.translate(
                                rex.makeCall(
                                        PlannerOperators.JSON_GET,
                                        jsonColumn,
                                        rex.makeLiteral("k")));
        assertThat(get.operator()).isEqualTo(Operator.JSON_GET);
        assertThat(get.type().kind()).isEqualTo(TypeKind.JSON);
    }

    @Test
    void searchIsExpanded() {
        RexNode in =
                rex.makeIn(
                        intColumn,
                        List.of(
                                rex.makeExactLiteral(BigDecimal.ONE),
                                rex.makeExactLiteral(BigDecimal.TEN)));
        Expr expr = translator.translate(in);
        assertThat(((Call) expr).operator()).isIn(Operator.OR, Operator.EQUALS);
    }

    @Test
    void unsupportedFunctionIsNamed() {
        RexNode call = rex.makeCall(SqlStdOperatorTable.INITCAP, textColumn);
        assertThatThrownBy(() -> translator.translate(call))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED))
                .hasMessage("function INITCAP is not supported in pipelines yet");
    }

    private void assertOperator(SqlOperator calcite, Operator expected, RexNode... operands) {
        Call call = (Call) translator.translate(rex.makeCall(calcite, operands));
        assertThat(call.operator()).isEqualTo(expected);
        assertThat(call.operands()).hasSize(operands.length);
        for (int i = 0; i < operands.length; i++) {
            assertThat(call.operands().get(i)).isEqualTo(translator.translate(operands[i]));
        }
    }
}
