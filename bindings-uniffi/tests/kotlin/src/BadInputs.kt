// The hostile-input corpus (tests/bad-inputs/manifest.json) through the
// Kotlin API: every case throws a SobrieteException carrying its expected
// code (or gives an invalid validation report), never another exception nor
// a crash. Kotlin strings cannot hold bytes that are not UTF-8: those cases
// (`"utf8": false`) are counted apart, the other languages run them.

import java.io.File
import java.nio.ByteBuffer
import java.nio.charset.CharacterCodingException
import java.nio.charset.CodingErrorAction
import sobriete.*

class BadInputsResult(val total: Int, val passed: Int, val pending: Int, val notUtf8: Int, val failures: List<String>)

private fun fill(spec: Map<String, Any?>): String {
    fun n(key: String) = (spec[key] as JsonNumber).literal.toInt()
    return when (spec["kind"]) {
        "deep_array" -> "[".repeat(n("depth")) + "]".repeat(n("depth"))
        "deep_object" -> "{\"a\":".repeat(n("depth")) + "null" + "}".repeat(n("depth"))
        "string" -> "\"" + ((spec["char"] as String?) ?: "x").repeat(n("length")) + "\""
        "padding" -> " ".repeat(n("length"))
        "repeat" -> (0 until n("count")).joinToString(",") { (spec["item"] as String).replace("{i}", it.toString()) }
        else -> error("unknown generator ${spec["kind"]}")
    }
}

/** The case's text, or null when its bytes are not UTF-8. */
@Suppress("UNCHECKED_CAST")
private fun text(dir: File, case: Map<String, Any?>): String? {
    val file = case["file"] as String?
    if (file != null) {
        val decoder = Charsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
        return try {
            decoder.decode(ByteBuffer.wrap(File(dir, file).readBytes())).toString()
        } catch (e: CharacterCodingException) {
            null
        }
    }
    val generate = case["generate"] as Map<String, Any?>
    val filled = fill(generate["fill"] as Map<String, Any?>)
    val template = generate["template"] as String? ?: return filled
    return File(dir, template).readText().replaceFirst("@@", filled)
}

/** The codes of the typed error the case raises (or of its invalid report). */
@Suppress("UNCHECKED_CAST")
private fun run(dir: File, baseFiles: Map<String, Any?>, case: Map<String, Any?>, doc: String): List<String> {
    val role = case["role"] as String
    fun base(name: String) = File(dir, baseFiles[name] as String).readText()
    fun get(name: String, baseName: String) = if (role == name) doc else base(baseName)
    try {
        when (case["operation"]) {
            "validate" -> {
                val report = parseJson(Referential.fromJson(base("referential")).validate(doc)) as Map<String, Any?>
                if (report["valid"] == true) return emptyList()
                return (report["issues"] as List<Map<String, Any?>>).map { it["code"] as String }
            }
            "import" -> { importReferential(case["format"] as String, doc); return emptyList() }
            "rollup" -> { rollup(get("peers", "peers"), null); return emptyList() }
            "migrate" -> {
                val from = Referential.fromJson(get("referential", "migrate_from"))
                val to = Referential.fromJson(get("to_referential", "to_referential"))
                from.migrate(get("assessment", "migrate_assessment"), get("crosswalk", "crosswalk"), to)
                return emptyList()
            }
        }
        val r = Referential.fromJson(get("referential", "referential"))
        val a = get("assessment", "assessment")
        when (case["operation"]) {
            "load_referential" -> {}
            "score" -> r.score(a)
            "report" -> when (case["format"]) {
                "csv" -> r.answersCsv(a, Lang.FR)
                "text" -> r.renderReport(a, ReportFormat.TEXT, Lang.EN)
                "json" -> r.renderReport(a, ReportFormat.JSON, Lang.EN)
                "markdown" -> r.renderReport(a, ReportFormat.MARKDOWN, Lang.EN)
                "html" -> r.renderReport(a, ReportFormat.HTML, Lang.EN)
                else -> error("unknown format ${case["format"]}")
            }
            "propose" -> r.propose(a, get("request", "request"))
            "compare" -> r.compare(a, get("peers", "peers"), null)
            "plan_status" -> r.planStatus(get("plan", "plan"), "2026-09-01", null)
            else -> error("unknown operation ${case["operation"]}")
        }
        return emptyList()
    } catch (e: SobrieteException.InvalidDocument) {
        return e.issues.map { it.code }
    } catch (e: SobrieteException.InvalidArgument) {
        return listOf("invalid_argument")
    }
}

/** Runs every case of the corpus in `dir`. */
@Suppress("UNCHECKED_CAST")
fun badInputs(dir: File): BadInputsResult {
    val manifest = parseJson(File(dir, "manifest.json").readText()) as Map<String, Any?>
    val baseFiles = manifest["base"] as Map<String, Any?>
    val cases = manifest["cases"] as List<Map<String, Any?>>
    val failures = mutableListOf<String>()
    var passed = 0
    var pending = 0
    var notUtf8 = 0
    for (case in cases) {
        val id = case["id"] as String
        val expect = case["expect"] as String
        if (case["pending"] != null) { pending++; continue }
        val doc = text(dir, case)
        if (doc == null) { notUtf8++; continue }
        val codes = try {
            run(dir, baseFiles, case, doc)
        } catch (e: Throwable) {
            failures.add("$id: raised ${e::class.qualifiedName} instead of SobrieteException: $e")
            continue
        }
        when {
            codes.isEmpty() -> failures.add("$id: accepted (expected $expect)")
            expect !in codes -> failures.add("$id: expected $expect, got ${codes.distinct()}")
            else -> passed++
        }
    }
    return BadInputsResult(cases.size, passed, pending, notUtf8, failures)
}
