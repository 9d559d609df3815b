// The cross-language table (tests/bindings/operations.json) from Kotlin:
// every operation of the table exists with the table's name in Kotlin's
// casing, and every case gives the outcome the table states (the kind of
// value, some of its values, or the error's code, document, argument and
// issue paths). Python and JavaScript read the same table.
//
// Cases marked `typed` give a string where Kotlin takes an enum (`lang`,
// `format`): the compiler refuses them, so they are not run here.

import java.io.File
import java.math.BigDecimal
import sobriete.*

class OperationsResult(val operations: Int, val cases: Int, val skipped: Int, val failures: List<String>)

/** A document given as raw text (`$text`), passed as is. */
private class Raw(val text: String)

private fun camel(name: String): String =
    name.split('_').mapIndexed { i, w -> if (i == 0) w else w.replaceFirstChar(Char::uppercase) }.joinToString("")

@Suppress("UNCHECKED_CAST")
private fun resolve(root: File, spec: Any?): Any? = when {
    spec is List<*> -> spec.map { resolve(root, it) }
    spec !is Map<*, *> -> spec
    "\$text" in spec -> Raw(spec["\$text"] as String)
    "\$files" in spec -> (spec["\$files"] as List<String>).map { parseJson(File(root, it).readText()) }
    "\$file" in spec -> {
        var value = parseJson(File(root, spec["\$file"] as String).readText())
        (spec["\$field"] as String?)?.let { value = (value as Map<String, Any?>)[it] }
        if (spec["\$baseline"] == true) value = (value as Map<String, Any?>)["baseline"]
        value
    }
    "\$referential" in spec -> handle(root, spec["\$referential"] as String, (spec["\$field"] as String?) ?: "referential")
    else -> (spec as Map<String, Any?>).mapValues { resolve(root, it.value) }
}

@Suppress("UNCHECKED_CAST")
private fun handle(root: File, on: String, field: String = "referential"): Referential =
    if (on == "default") Referential.default()
    else Referential.fromJson(toJson((parseJson(File(root, on).readText()) as Map<String, Any?>)[field]))

private fun doc(v: Any?): String = if (v is Raw) v.text else toJson(v)
private fun optDoc(v: Any?): String? = v?.let(::doc)
private fun docs(v: Any?): List<String> = (v as List<*>).map(::doc)
private fun lang(v: Any?): Lang? = (v as String?)?.let { Lang.valueOf(it.uppercase()) }
private fun format(v: Any?): ReportFormat? = (v as String?)?.let { ReportFormat.valueOf(it.uppercase()) }
private fun int(v: Any?): Int? = (v as JsonNumber?)?.literal?.toInt()

@Suppress("UNCHECKED_CAST")
private fun inputs(v: Any?): ReportInputs? = (v as Map<String, Any?>?)?.let { m ->
    ReportInputs(
        target = optDoc(m["target"]),
        plan = optDoc(m["plan"]),
        asOf = m["as_of"] as String?,
        history = (m["history"] as List<*>?)?.map(::doc) ?: emptyList(),
        peers = optDoc(m["peers"]),
        minGroupSize = int(m["min_group_size"])?.toUInt(),
    )
}

/** Calls the operation with the case's arguments, each in Kotlin's type. */
private fun call(name: String, r: Referential?, a: Map<String, Any?>): Any? {
    val ref = { r!! }
    return when (name) {
        "score" -> ref().score(doc(a["assessment"]))
        "score_summary" -> ref().scoreSummary(doc(a["assessment"])).let {
            mapOf("index" to it.index?.let { x -> JsonNumber(x.toString()) }, "grade" to it.grade)
        }
        "score_many" -> ref().scoreMany(docs(a["assessments"]))
        "score_summaries" -> ref().scoreSummaries(docs(a["assessments"]))
        "template" -> if ("level" in a) ref().template(int(a["level"])!!.toUByte(), optDoc(a["profile"]), a["date"] as String?)
            else ref().template(profileJson = optDoc(a["profile"]), date = a["date"] as String?)
        "validate" -> ref().validate(doc(a["document"]))
        "validate_plan" -> ref().validatePlan(doc(a["plan"]))
        "render_report" -> ref().renderReport(doc(a["assessment"]), format(a["format"]), lang(a["lang"]))
        "full_report" -> ref().fullReport(doc(a["assessment"]), inputs(a["inputs"]), format(a["format"]), lang(a["lang"]))
        "full_report_data" -> ref().fullReportData(doc(a["assessment"]), inputs(a["inputs"]))
        "target_gap" -> ref().targetGap(doc(a["assessment"]), doc(a["target"]))
        "candidates" -> ref().candidates(doc(a["assessment"]))
        "propose" -> ref().propose(doc(a["assessment"]), doc(a["request"]))
        "plan_from_proposal" -> ref().planFromProposal(doc(a["assessment"]), doc(a["request"]), optDoc(a["proposal"]), a["created"] as String)
        "plan_status" -> ref().planStatus(doc(a["plan"]), a["as_of"] as String, optDoc(a["baseline"]))
        "history" -> ref().history(docs(a["assessments"]))
        "diff" -> ref().diff(doc(a["before"]), doc(a["after"]))
        "next_assessment" -> ref().nextAssessment(doc(a["previous"]), doc(a["plan"]), a["date"] as String)
        "progress_series" -> ref().progressSeries(docs(a["assessments"]), doc(a["plan"]))
        "compare" -> ref().compare(doc(a["assessment"]), doc(a["peers"]), int(a["min_group_size"])?.toUInt())
        "peer_result" -> ref().peerResult(doc(a["assessment"]))
        "migrate" -> ref().migrate(doc(a["assessment"]), doc(a["crosswalk"]), a["to"] as Referential)
        "simulate_migration" -> ref().simulateMigration(doc(a["assessment"]), doc(a["crosswalk"]), a["to"] as Referential)
        "render_migration" -> ref().renderMigration(doc(a["assessment"]), doc(a["crosswalk"]), a["to"] as Referential, format(a["format"]), lang(a["lang"]))
        "render_migration_simulation" -> ref().renderMigrationSimulation(doc(a["assessment"]), doc(a["crosswalk"]), a["to"] as Referential, format(a["format"]), lang(a["lang"]))
        "validate_crosswalk" -> ref().validateCrosswalk(doc(a["crosswalk"]), a["to"] as Referential)
        "answers_csv" -> ref().answersCsv(doc(a["assessment"]), lang(a["lang"]))
        "themes_csv" -> ref().themesCsv(doc(a["assessment"]), lang(a["lang"]))
        "plan_csv" -> ref().planCsv(doc(a["plan"]), lang(a["lang"]))
        "annual_review" -> ref().annualReview(doc(a["assessment"]), int(a["year"])!!, lang(a["lang"]), optDoc(a["plan"]), a["as_of"] as String?)
        "radar_svg" -> ref().radarSvg(doc(a["assessment"]), lang(a["lang"]), optDoc(a["target"]), optDoc(a["peers"]))
        "evolution_svg" -> ref().evolutionSvg(docs(a["assessments"]), lang(a["lang"]), optDoc(a["plan"]))
        "markdown" -> ref().markdown(lang(a["lang"]))
        "rollup" -> rollup(doc(a["peers"]), int(a["expected_members"])?.toUInt())
        "import_referential" -> importReferential(a["format"] as String, doc(a["source"]))
        "import_ecoclic" -> importEcoclic(doc(a["source"]))
        "import_ecoclic_answers" -> importEcoclicAnswers(doc(a["source"]), optDoc(a["referential"]))
        "invert_crosswalk" -> invertCrosswalk(doc(a["crosswalk"]))
        else -> throw IllegalArgumentException("no Kotlin call for `$name`: add it here")
    }
}

@Suppress("UNCHECKED_CAST")
private fun pointer(value: Any?, path: String): Any? =
    path.split('/').drop(1).fold(value) { v, part ->
        when (v) {
            is List<*> -> v[part.toInt()]
            is Map<*, *> -> (v as Map<String, Any?>)[part]
            else -> null
        }
    }

private fun same(expected: Any?, actual: Any?): Boolean =
    if (expected is JsonNumber && actual is JsonNumber) expected.decimal.compareTo(actual.decimal) == 0
    else expected == actual

@Suppress("UNCHECKED_CAST")
private fun checkError(e: SobrieteException, want: Map<String, Any?>): List<String> {
    val (code, document, argument, issues) = when (e) {
        is SobrieteException.InvalidDocument ->
            listOf("invalid_document", e.document.name.lowercase(), null, e.issues)
        is SobrieteException.InvalidArgument -> listOf("invalid_argument", "argument", e.argument, emptyList<Issue>())
    }
    val problems = mutableListOf<String>()
    if (code != want["code"]) problems += "code $code"
    if (document != want["document"]) problems += "document $document"
    if (argument != want["argument"]) problems += "argument $argument"
    val list = issues as List<Issue>
    want["paths"]?.let { if (list.map { it.path } != it) problems += "paths ${list.map { i -> i.path }}" }
    want["codes"]?.let { if (list.map { it.code } != it) problems += "codes ${list.map { i -> i.code }}" }
    return problems
}

@Suppress("UNCHECKED_CAST")
private fun checkResult(result: Any?, returns: String, expect: Map<String, Any?>): List<String> {
    val value = if (returns == "data" && result is String) parseJson(result) else result
    val problems = mutableListOf<String>()
    val kindOk = when (returns) {
        "data" -> value is Map<*, *>
        "list" -> value is List<*> || (value is String && parseJson(value) is List<*>)
        else -> value is String
    }
    if (!kindOk) return listOf("returned ${value?.let { it::class.simpleName }}, not $returns")
    val data = if (returns == "list" && value is String) parseJson(value) else value
    (expect["length"] as JsonNumber?)?.let { if ((data as List<*>).size != it.literal.toInt()) problems += "length ${data.size}" }
    (expect["starts_with"] as String?)?.let { if (!(data as String).startsWith(it)) problems += "starts with ${data.take(40)}" }
    (expect["values"] as Map<String, Any?>?)?.forEach { (path, want) ->
        val got = pointer(data, path)
        if (!same(want, got)) problems += "$path = $got, expected $want"
    }
    (expect["present"] as List<String>?)?.forEach { path ->
        if (pointer(data, path) == null) problems += "$path absent"
    }
    return problems
}

/** Runs the table at `root`/tests/bindings/operations.json. */
@Suppress("UNCHECKED_CAST")
fun operations(root: File): OperationsResult {
    val table = parseJson(File(root, "tests/bindings/operations.json").readText()) as Map<String, Any?>
    val ops = (table["operations"] as List<Map<String, Any?>>).associateBy { it["name"] as String }
    val failures = mutableListOf<String>()
    // Every operation is a method of Referential (or a top-level function).
    // (A JVM name gets a `-hash` suffix when the function takes unsigned types.)
    val methods = Referential::class.java.methods.map { it.name.substringBefore('-') }.toSet()
    val functions = Class.forName("sobriete.SobrieteKt").methods.map { it.name.substringBefore('-') }.toSet()
    for ((name, op) in ops) {
        val where = if (op["module"] == true) functions else methods
        if (camel(name) !in where) failures += "no Kotlin ${camel(name)} for `$name`"
    }
    var run = 0
    var skipped = 0
    for (case in table["cases"] as List<Map<String, Any?>>) {
        if (case["typed"] == true) {
            skipped++
            continue
        }
        run++
        val name = case["operation"] as String
        val label = "$name: ${case["description"]}"
        val expect = case["expect"] as Map<String, Any?>
        val args = (case["args"] as Map<String, Any?>).mapValues { resolve(root, it.value) }
        val r = (case["on"] as String?)?.let { handle(root, it) }
        val problems = try {
            val result = call(name, r, args)
            if ("error" in expect) listOf("raised nothing")
            else checkResult(result, ops.getValue(name)["returns"] as String, expect)
        } catch (e: SobrieteException) {
            val want = expect["error"] as Map<String, Any?>?
            if (want == null) listOf("raised $e") else checkError(e, want)
        }
        if (problems.isNotEmpty()) failures += "$label: ${problems.joinToString("; ")}"
    }
    return OperationsResult(ops.size, run, skipped, failures)
}
