// A small JSON reader and writer for the test program: the Kotlin standard
// library has none, and the test uses nothing beyond kotlin-stdlib and JNA.
//
// Values: null, Boolean, String, JsonNumber (the literal as written, so
// numbers compare exactly), List<Any?>, LinkedHashMap<String, Any?> (key
// order kept, so documents are passed to the library as they were written).

import java.math.BigDecimal

/** A JSON number, kept as its literal. */
data class JsonNumber(val literal: String) {
    /** serde_json reads a literal with a fraction or an exponent as a float. */
    val isFloat: Boolean get() = literal.any { it == '.' || it == 'e' || it == 'E' }
    val decimal: BigDecimal get() = BigDecimal(literal)
    override fun toString(): String = literal
}

class JsonError(message: String) : Exception(message)

class JsonReader(private val text: String) {
    private var pos = 0

    fun readDocument(): Any? {
        val value = readValue(0)
        skipSpace()
        if (pos != text.length) fail("trailing characters")
        return value
    }

    private fun fail(what: String): Nothing = throw JsonError("$what at offset $pos")

    private fun skipSpace() {
        while (pos < text.length && text[pos] in " \t\r\n") pos++
    }

    private fun peek(): Char {
        skipSpace()
        if (pos >= text.length) fail("unexpected end")
        return text[pos]
    }

    private fun expect(c: Char) {
        if (peek() != c) fail("expected '$c'")
        pos++
    }

    private fun readValue(depth: Int): Any? {
        if (depth > 512) fail("too deep")
        return when (val c = peek()) {
            '{' -> readObject(depth)
            '[' -> readArray(depth)
            '"' -> readString()
            't' -> literal("true", true)
            'f' -> literal("false", false)
            'n' -> literal("null", null)
            else -> if (c == '-' || c.isDigit()) readNumber() else fail("unexpected '$c'")
        }
    }

    private fun literal(word: String, value: Any?): Any? {
        if (!text.startsWith(word, pos)) fail("expected $word")
        pos += word.length
        return value
    }

    private fun readObject(depth: Int): Map<String, Any?> {
        expect('{')
        val map = LinkedHashMap<String, Any?>()
        if (peek() == '}') { pos++; return map }
        while (true) {
            if (peek() != '"') fail("expected a key")
            val key = readString()
            expect(':')
            if (map.containsKey(key)) fail("duplicate key $key")
            map[key] = readValue(depth + 1)
            when (peek()) {
                ',' -> pos++
                '}' -> { pos++; return map }
                else -> fail("expected ',' or '}'")
            }
        }
    }

    private fun readArray(depth: Int): List<Any?> {
        expect('[')
        val list = ArrayList<Any?>()
        if (peek() == ']') { pos++; return list }
        while (true) {
            list.add(readValue(depth + 1))
            when (peek()) {
                ',' -> pos++
                ']' -> { pos++; return list }
                else -> fail("expected ',' or ']'")
            }
        }
    }

    private fun readString(): String {
        expect('"')
        val sb = StringBuilder()
        while (true) {
            if (pos >= text.length) fail("unterminated string")
            val c = text[pos++]
            when {
                c == '"' -> return sb.toString()
                c == '\\' -> {
                    if (pos >= text.length) fail("unterminated escape")
                    when (val e = text[pos++]) {
                        '"' -> sb.append('"'); '\\' -> sb.append('\\'); '/' -> sb.append('/')
                        'b' -> sb.append('\b'); 'f' -> sb.append('\u000C'); 'n' -> sb.append('\n')
                        'r' -> sb.append('\r'); 't' -> sb.append('\t')
                        'u' -> {
                            if (pos + 4 > text.length) fail("short \\u escape")
                            sb.append(text.substring(pos, pos + 4).toInt(16).toChar())
                            pos += 4
                        }
                        else -> fail("bad escape \\$e")
                    }
                }
                c < ' ' -> fail("control character in string")
                else -> sb.append(c)
            }
        }
    }

    private fun readNumber(): JsonNumber {
        val start = pos
        if (text[pos] == '-') pos++
        while (pos < text.length && (text[pos].isDigit() || text[pos] in ".eE+-")) pos++
        val literal = text.substring(start, pos)
        if (!Regex("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?").matches(literal)) {
            fail("bad number $literal")
        }
        return JsonNumber(literal)
    }
}

fun parseJson(text: String): Any? = JsonReader(text).readDocument()

/** Compact JSON text of a value (strings escaped as JSON requires). */
fun toJson(value: Any?): String = StringBuilder().also { write(it, value) }.toString()

private fun write(sb: StringBuilder, value: Any?) {
    when (value) {
        null -> sb.append("null")
        is Boolean -> sb.append(value)
        is JsonNumber -> sb.append(value.literal)
        is Number -> sb.append(value.toString())
        is String -> writeString(sb, value)
        is Map<*, *> -> {
            sb.append('{')
            var first = true
            for ((k, v) in value) {
                if (!first) sb.append(',')
                first = false
                writeString(sb, k as String)
                sb.append(':')
                write(sb, v)
            }
            sb.append('}')
        }
        is List<*> -> {
            sb.append('[')
            value.forEachIndexed { i, v -> if (i > 0) sb.append(','); write(sb, v) }
            sb.append(']')
        }
        else -> throw IllegalArgumentException("not a JSON value: $value")
    }
}

private fun writeString(sb: StringBuilder, s: String) {
    sb.append('"')
    for (c in s) {
        when {
            c == '"' -> sb.append("\\\"")
            c == '\\' -> sb.append("\\\\")
            c < ' ' -> sb.append(String.format("\\u%04x", c.code))
            else -> sb.append(c)
        }
    }
    sb.append('"')
}

/**
 * Structural equality as serde_json's `Value` has it: objects regardless of
 * key order, arrays in order, numbers exactly (same decimal value, and an
 * integer never equals a float, as 6 ≠ 6.0 for serde_json).
 * Returns the JSON pointer of the first difference, or null when equal.
 */
fun firstDifference(expected: Any?, actual: Any?, path: String = ""): String? {
    return when {
        expected is Map<*, *> && actual is Map<*, *> -> {
            if (expected.keys != actual.keys) {
                val missing = expected.keys - actual.keys
                val extra = actual.keys - expected.keys
                return "$path (keys: missing $missing, unexpected $extra)"
            }
            expected.keys.firstNotNullOfOrNull { k -> firstDifference(expected[k], actual[k], "$path/$k") }
        }
        expected is List<*> && actual is List<*> -> {
            if (expected.size != actual.size) return "$path (length ${expected.size} vs ${actual.size})"
            expected.indices.firstNotNullOfOrNull { i -> firstDifference(expected[i], actual[i], "$path/$i") }
        }
        expected is JsonNumber && actual is JsonNumber ->
            if (expected.isFloat == actual.isFloat && expected.decimal.compareTo(actual.decimal) == 0) null
            else "$path ($expected vs $actual)"
        expected == actual -> null
        else -> "$path (${toJson(expected).take(80)} vs ${toJson(actual).take(80)})"
    }
}
