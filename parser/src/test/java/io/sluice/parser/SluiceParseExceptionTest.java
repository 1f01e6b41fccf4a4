package io.sluice.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class SluiceParseExceptionTest {
    @Test
    void misspeltLeadingKeyword() {
        SluiceParseException e = fail("SELEC 1");

        assertThat(e.getMessage()).isEqualTo("syntax error at or near \"SELEC\"");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.offset()).isZero();
    }

    @Test
    void misspeltKeywordAfterStar() {
        String sql = "select * form t";
        SluiceParseException e = fail(sql);

        assertThat(e.getMessage()).isEqualTo("syntax error at or near \"form\"");
        assertThat(e.offset()).isEqualTo(sql.indexOf("form"));
        assertThat(e.column()).isEqualTo(10);
    }

    @Test
    void offsetCountsPrecedingLinesWithAnyLineEnding() {
        String sql = "select 1;\r\nselect a,\n  b c d\rfrom t";
        SluiceParseException e = fail(sql);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.offset()).isEqualTo(sql.indexOf(" d") + 1);
        assertThat(sql.charAt(e.offset())).isEqualTo('d');
        assertThat(e.getMessage()).startsWith("syntax error at or near \"d\" (expected one of ");
    }

    @Test
    void errorAtEndOfInput() {
        SluiceParseException e = fail("select * from");

        assertThat(e.getMessage()).startsWith("syntax error at end of input");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void unterminatedString() {
        SluiceParseException e = fail("select 'abc");

        assertThat(e.getMessage()).isEqualTo("unterminated quoted string at or near \"'abc\"");
        assertThat(e.offset()).isEqualTo(7);
    }

    @Test
    void offsetAndLineColumnConversionsAgree() {
        String sql = "a\r\nbc\nd\re";
        for (int offset = 0; offset < sql.length(); offset++) {
            int[] lineAndColumn = SluiceParser.lineAndColumnOf(sql, offset);
            if (sql.charAt(offset) != '\n' || offset == 0 || sql.charAt(offset - 1) != '\r') {
                assertThat(SluiceParser.offsetOf(sql, lineAndColumn[0], lineAndColumn[1]))
                        .as("offset %d", offset)
                        .isEqualTo(offset);
            }
        }
    }

    private static SluiceParseException fail(String sql) {
        SluiceParseException e =
                catchThrowableOfType(
                        SluiceParseException.class, () -> SluiceParser.parseStatements(sql));
        assertThat(e).as("parse error for %s", sql).isNotNull();
        return e;
    }
}
