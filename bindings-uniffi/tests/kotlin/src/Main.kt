// The Kotlin test of the uniffi bindings: reproduces every golden vector of
// tests/vectors/ through the generated Kotlin API, the way
// core/tests/vectors.rs computes them, then checks the error cases, hostile
// inputs and every other entry point.
//
// Usage: java ... MainKt <tests/vectors dir> <examples dir> [<tests/bad-inputs dir>]
// Exit status 0 only when every check passed.

import java.io.File
import kotlin.system.exitProcess
import kotlin.system.measureNanoTime
import sobriete.*

private var failures = 0
private var checks = 0

private fun check(what: String, ok: Boolean, detail: () -> String = { "" }) {
    checks++
    if (!ok) {
        failures++
        println("FAIL $what ${detail()}")
    }
}

/** Runs `block`, expecting it to raise SobrieteException; returns it. */
private fun raises(what: String, block: () -> Unit): SobrieteException? {
    try {
        block()
    } catch (e: SobrieteException) {
        checks++
        return e
    } catch (e: Throwable) {
        checks++
        failures++
        println("FAIL $what: raised ${e::class.qualifiedName} instead of SobrieteException: $e")
        return null
    }
    checks++
    failures++
    println("FAIL $what: raised nothing")
    return null
}

// ---------------------------------------------------------------- vectors

/** The vectors' error value (`error_value` in core/tests/vectors.rs), built from the exception. */
private fun errorValue(e: SobrieteException): Map<String, Any?> {
    val (code, document, issues) = when (e) {
        is SobrieteException.InvalidDocument ->
            Triple("invalid_document", e.document.name.lowercase(), e.issues)
        is SobrieteException.InvalidArgument -> Triple("invalid_argument", "argument", emptyList())
    }
    val issueValues = issues.map {
        mapOf("code" to it.code, "path" to it.path, "severity" to it.severity.name.lowercase())
    }
    return mapOf("error" to mapOf("code" to code, "document" to document, "issues" to issueValues))
}

private fun asUInt(v: Any?): UInt? = (v as? JsonNumber)?.literal?.toUIntOrNull()

/** What the library computes for a vector, by its `operation` (default `score`). */
private fun compute(case: Map<String, Any?>): Any? {
    return try {
        val referential = case["referential"]?.let { Referential.fromJson(toJson(it)) } ?: Referential.default()
        referential.use { r -> computeWith(r, case) }
    } catch (e: SobrieteException) {
        errorValue(e)
    }
}

private fun computeWith(r: Referential, case: Map<String, Any?>): Any? {
    fun doc(key: String) = toJson(case[key])
    return when (val op = case["operation"] as String? ?: "score") {
        "score" -> mapOf("report" to parseJson(r.score(doc("assessment"))))
        "propose" -> mapOf("proposal" to parseJson(r.propose(doc("assessment"), doc("request"))))
        "plan_status" -> mapOf(
            "status" to parseJson(r.planStatus(doc("plan"), case["as_of"] as? String ?: "")),
        )
        "history" -> {
            val list = (case["assessments"] as List<*>).map { toJson(it) }
            mapOf("history" to parseJson(r.history(list)))
        }
        "compare" -> mapOf(
            "comparison" to parseJson(r.compare(doc("assessment"), doc("peers"), asUInt(case["min_group_size"]))),
        )
        "rollup" -> mapOf("rollup" to parseJson(rollup(doc("peers"), asUInt(case["expected_members"]))))
        "migrate" -> Referential.fromJson(doc("to_referential")).use { to ->
            if (case["simulate"] == true) {
                mapOf("simulation" to parseJson(r.simulateMigration(doc("assessment"), doc("crosswalk"), to)))
            } else {
                mapOf("migration" to parseJson(r.migrate(doc("assessment"), doc("crosswalk"), to)))
            }
        }
        "summaries" -> {
            // The batch call: one `SummaryResult` per item, mapped to the
            // vectors' `{"summary": …}` / `{"error": …}`.
            val list = (case["assessments"] as List<*>).map { toJson(it) }
            mapOf(
                "summaries" to r.scoreSummaries(list).map {
                    when (it) {
                        is SummaryResult.Summary -> mapOf("summary" to parseJson(it.json))
                        is SummaryResult.Failed -> errorValue(it.error)
                    }
                },
            )
        }
        "import_ecoclic" -> mapOf("imported" to parseJson(importEcoclic(doc("source"))))
        "import_ecoclic_answers" -> {
            // The questionnaire is imported on the way unless one is given.
            val given = case["referential"]?.let { doc("referential") }
            mapOf("answers" to parseJson(importEcoclicAnswers(doc("source"), given)))
        }
        else -> throw IllegalStateException("unknown operation $op")
    }
}

private fun vectors(dir: File): Pair<Int, Int> {
    val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name } ?: emptyList()
    check("vectors found in $dir", files.size >= 30) { "found ${files.size}" }
    var passed = 0
    for (file in files) {
        @Suppress("UNCHECKED_CAST")
        val case = parseJson(file.readText()) as Map<String, Any?>
        val actual = try {
            compute(case)
        } catch (e: Throwable) {
            println("FAIL ${file.name}: ${e::class.qualifiedName}: ${e.message}")
            failures++
            checks++
            continue
        }
        val diff = firstDifference(case["expected"], actual)
        check("vector ${file.name}", diff == null) { "differs at $diff" }
        if (diff == null) passed++
    }
    return passed to files.size
}

// ---------------------------------------------------------------- errors

private fun errorCases(r: Referential, mini: Referential, vectorDir: File) {
    // A broken assessment: the exception lists every issue, with code, path, severity and message.
    @Suppress("UNCHECKED_CAST")
    val broken = (parseJson(File(vectorDir, "15-error-assessment-many-problems.json").readText()) as Map<String, Any?>)
    val e = raises("broken assessment") { mini.score(toJson(broken["assessment"])) }
    check("broken assessment is InvalidDocument(ASSESSMENT)",
        e is SobrieteException.InvalidDocument && e.document == DocumentKind.ASSESSMENT) { "$e" }
    if (e is SobrieteException.InvalidDocument) {
        val codes = e.issues.map { it.code }
        for (code in listOf("invalid_date", "invalid_level", "wrong_option_count", "unknown_option",
            "not_applicable_not_allowed", "justification_required", "answer_mismatch")) {
            check("broken assessment lists $code", code in codes) { "$codes" }
        }
        check("every issue has a message and a path",
            e.issues.all { it.message.isNotBlank() && it.path.startsWith("/") }) { "${e.issues}" }
        check("errors come first", e.issues.dropWhile { it.severity == Severity.ERROR }.none { it.severity == Severity.ERROR })
        check("the exception's message summarises", e.message?.contains("invalid assessment") == true) { "${e.message}" }
        check("detail names the first error", e.detail.contains(e.issues.first().code)) { e.detail }
    }

    // Arguments outside their values.
    val level = raises("template level 3") { r.template(3u) }
    check("level 3 is InvalidArgument(level)",
        level is SobrieteException.InvalidArgument && level.argument == "level") { "$level" }
    val planText = File(vectorDir, "26-plan-status-mini.json").readText().let {
        @Suppress("UNCHECKED_CAST")
        toJson((parseJson(it) as Map<String, Any?>)["plan"])
    }
    val asOf = raises("plan status with a malformed date") { mini.planStatus(planText, "31/12/2026") }
    check("bad as_of is InvalidArgument(as_of)",
        asOf is SobrieteException.InvalidArgument && asOf.argument == "as_of") { "$asOf" }

    // Hostile inputs give typed errors, never a crash.
    val hostile = mapOf(
        "not JSON" to "{not json",
        "empty text" to "",
        "a JSON string" to "\"assessment\"",
        "deeply nested arrays" to "[".repeat(100_000) + "]".repeat(100_000),
        "deeply nested objects" to "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000),
        "NUL and control characters" to "{\"answers\": {\"\u0000\u001b[2J\": {\"kind\": \"yes\"}}, \"level\": 1}",
        "huge number" to "{\"level\": 1e999999}",
        "10 MB string" to "{\"date\": \"" + "x".repeat(10_000_000) + "\"}",
    )
    for ((what, text) in hostile) {
        val h = raises("score($what)") { r.score(text) }
        check("score($what) is InvalidDocument(ASSESSMENT)",
            h is SobrieteException.InvalidDocument && h.document == DocumentKind.ASSESSMENT && h.issues.isNotEmpty()) { "$h".take(300) }
        val report = parseJson(r.validate(text)) as Map<*, *>
        check("validate($what) reports invalid", report["valid"] == false) { toJson(report).take(300) }
    }
    // A string with a lone surrogate is not Unicode: Kotlin's UTF-8 encoder
    // (in the generated code) rejects it before the call reaches Rust.
    try {
        r.score("{\"date\": \"\uD800\"}")
        check("lone surrogate rejected", false)
    } catch (e: java.nio.charset.CharacterCodingException) {
        check("lone surrogate rejected by the encoder", true)
    }
    val notJson = raises("score(not JSON)") { r.score("{not json") } as? SobrieteException.InvalidDocument
    check("not JSON gives invalid_json", notJson?.issues?.map { it.code } == listOf("invalid_json")) { "$notJson" }
    val refErr = raises("Referential.fromJson({})") { Referential.fromJson("{}") }
    check("bad referential is InvalidDocument(REFERENTIAL)",
        refErr is SobrieteException.InvalidDocument && refErr.document == DocumentKind.REFERENTIAL) { "$refErr" }
    val peersErr = raises("rollup(bad peers)") { rollup("{\"peers\": [{}]}") }
    check("bad peers is InvalidDocument(PEERS)",
        peersErr is SobrieteException.InvalidDocument && peersErr.document == DocumentKind.PEERS) { "$peersErr" }
    @Suppress("UNCHECKED_CAST")
    val basic = toJson((parseJson(File(vectorDir, "01-mini-level1-basic.json").readText()) as Map<String, Any?>)["assessment"])
    val targetErr = raises("targetGap(index 150)") { mini.targetGap(basic, """{"index": 150}""") }
    check("target out of range is InvalidDocument(REQUEST) at /index",
        targetErr is SobrieteException.InvalidDocument && targetErr.document == DocumentKind.REQUEST &&
            targetErr.issues.map { it.code to it.path } == listOf("value_out_of_range" to "/index")) { "$targetErr" }
    val targetTypo = raises("targetGap(typo)") { mini.targetGap(basic, """{"indx": 70}""") }
    check("target typo is unknown_field",
        (targetTypo as? SobrieteException.InvalidDocument)?.issues?.map { it.code } == listOf("unknown_field")) { "$targetTypo" }
    // The library still works after all of that.
    check("library usable after hostile inputs", mini.scoreSummary(basic).index == 63.19)
}

// ---------------------------------------------------------------- the rest of the API

private fun apiCases(r: Referential, examples: File) {
    val commune = File(examples, "commune-rurale-niveau1.json").readText()
    val agglo = File(examples, "agglomeration-niveau2.json").readText()
    val peers = File(examples, "peers/communes-creuse.json").readText()

    // Importers: the published RGESN (78 criteria in 9 themes) becomes a
    // referential that scores; an unknown format is an argument error.
    val published = File(examples, "../tests/import-fixtures/published/rgesn-2024.json").readText()
    val imported = parseJson(importReferential("rgesn", published)) as Map<*, *>
    val rgesn = imported["referential"] as Map<*, *>
    check("rgesn imports 78 criteria", (rgesn["questions"] as List<*>).size == 78)
    check("rgesn imports 9 themes", (rgesn["themes"] as List<*>).size == 9)
    Referential.fromJson(toJson(rgesn)).use { check("imported rgesn loads", it.id().isNotEmpty()) }
    try {
        importReferential("pdf", published)
        check("unknown import format throws", false)
    } catch (e: SobrieteException.InvalidArgument) {
        check("unknown import format throws", e.argument == "format")
    }

    // Éco-clic: CSV exports import into a referential and assessments
    // whose figures are the hand-computed ones (core/tests/ecoclic.rs).
    val csvDir = File(examples, "../tests/import-fixtures/ecoclic/mini-csv")
    val tables = csvDir.listFiles()!!.filter { it.name.endsWith(".csv") }.sortedBy { it.name }
        .associate { it.name.removeSuffix(".csv") to it.readText() }
    val source = toJson(mapOf("csv" to tables))
    val ecoRef = (parseJson(importEcoclic(source)) as Map<*, *>)["referential"]
    val answers = parseJson(importEcoclicAnswers(source)) as Map<*, *>
    Referential.fromJson(toJson(ecoRef)).use { er ->
        val figures = (answers["assessments"] as List<*>).associate {
            val one = it as Map<*, *>
            val report = parseJson(er.score(toJson(one["assessment"]))) as Map<*, *>
            one["collectivite"] to (report["eco_clic"] as Map<*, *>)["index"]?.toString()
        }
        check("Éco-clic figures of the imported answers", figures == mapOf(
            "col-a" to "42", "col-b" to "56", "col-c" to null, "col-d" to "28",
        )) { "$figures" }
    }
    try {
        importEcoclic(toJson(mapOf("sql" to "INSERT INTO answer VALUES ('cut")))
        check("a cut dump throws", false)
    } catch (e: SobrieteException.InvalidDocument) {
        check("a cut dump names its line", e.issues.first().message.startsWith("line 1, column")) { "${e.issues}" }
    }

    // Score: the JSON report and the summary record agree.
    val report = parseJson(r.score(commune)) as Map<*, *>
    val summary = r.scoreSummary(commune)
    check("summary index = report index",
        firstDifference(report["index"], JsonNumber(summary.index.toString())) == null) { "${report["index"]} vs ${summary.index}" }
    val conformity = (report["conformity"] as Map<*, *>)["rate"]
    check("summary conformity = report conformity",
        firstDifference(conformity, summary.conformityRate?.let { JsonNumber(it.toString()) }) == null) { "$conformity vs ${summary.conformityRate}" }
    check("summary grade = report grade", summary.grade == (report["grade"] as Map<*, *>)["grade"])
    check("summary themes", summary.themes.map { it.id } == (report["themes"] as List<*>).map { (it as Map<*, *>)["id"] })

    // Batch: one result per item, in order.
    val many = r.scoreMany(listOf(commune, "{not json", agglo))
    check("scoreMany size", many.size == 3)
    check("scoreMany[0] is the report", (many[0] as? ScoreResult.Report)?.json == r.score(commune))
    check("scoreMany[1] failed with invalid_json",
        ((many[1] as? ScoreResult.Failed)?.error as? SobrieteException.InvalidDocument)?.issues?.firstOrNull()?.code == "invalid_json") { "${many[1]}" }
    check("scoreMany[2] is a report", many[2] is ScoreResult.Report)
    val summaries = r.scoreSummaries(listOf(commune, "{not json", agglo))
    check("scoreSummaries size", summaries.size == 3)
    val first = (summaries[0] as? SummaryResult.Summary)?.json?.let { parseJson(it) as Map<*, *> }
    val communeReport = parseJson(r.score(commune)) as Map<*, *>
    check("scoreSummaries[0] has the report's index", first?.get("index") == communeReport["index"]) {
        "${first?.get("index")} vs ${communeReport["index"]}"
    }
    check("scoreSummaries[1] failed", summaries[1] is SummaryResult.Failed)

    // Validation reports.
    val valid = parseJson(r.validate(commune)) as Map<*, *>
    check("validate(commune) is valid", valid["valid"] == true && valid["document"] == "assessment") { toJson(valid) }
    check("validate(referential) recognises it",
        (parseJson(r.validate(r.toJson())) as Map<*, *>)["document"] == "referential")

    // Template: every question unanswered; with a profile, only those that apply.
    val template = parseJson(r.template(2u, """{"name": "X", "kind": "region", "population": 5000000}""", "2026-01-15")) as Map<*, *>
    check("template date", template["date"] == "2026-01-15")
    check("template answers unanswered",
        (template["answers"] as Map<*, *>).values.all { (it as Map<*, *>)["kind"] == "unanswered" })
    val badProfile = raises("template with a bad profile") { r.template(1u, """{"kind": "village"}""") }
    check("bad profile is InvalidDocument", badProfile is SobrieteException.InvalidDocument) { "$badProfile" }

    // Renderings in every format and language.
    for (format in ReportFormat.values()) for (lang in Lang.values()) {
        val out = r.renderReport(commune, format, lang)
        val ok = when (format) {
            ReportFormat.JSON -> firstDifference(report, parseJson(out)) == null
            ReportFormat.HTML -> out.trimStart().startsWith("<!DOCTYPE html", ignoreCase = true)
            ReportFormat.MARKDOWN -> out.startsWith("#")
            ReportFormat.TEXT -> out.isNotBlank()
        }
        check("renderReport($format, $lang)", ok) { out.take(200) }
    }
    check("markdown of the referential", r.markdown(Lang.EN).startsWith("#"))
    val again = Referential.fromJson(r.toJson())
    check("toJson round-trips", again.score(commune) == r.score(commune))
    check("id/version", r.id() == "sobriete-reen" && r.version().isNotEmpty()) { "${r.id()} ${r.version()}" }

    // Targets, candidates, proposal → plan → status, next assessment, history.
    val gap = parseJson(r.targetGap(commune, """{"index": 70}""")) as Map<*, *>
    check("targetGap", gap.isNotEmpty())
    val candidates = parseJson(r.candidates(commune)) as Map<*, *>
    check("candidates", candidates.isNotEmpty())
    val request = """{"target": {"index": 60, "date": "2027-12-31"}}"""
    val proposal = r.propose(commune, request)
    val plan = r.planFromProposal(commune, request, proposal, "2026-04-01")
    val planReport = parseJson(r.validatePlan(plan)) as Map<*, *>
    check("planFromProposal gives a valid plan", planReport["valid"] == true) { toJson(planReport) }
    check("validatePlan(broken)", (parseJson(r.validatePlan("{\"actions\": 3}")) as Map<*, *>)["valid"] == false)
    val status = parseJson(r.planStatus(plan, "2026-06-30")) as Map<*, *>
    check("planStatus", status.containsKey("index")) { toJson(status).take(200) }
    check("planStatus with a baseline", r.planStatus(plan, "2026-06-30", commune).isNotEmpty())
    val next = r.nextAssessment(commune, plan, "2027-03-12")
    check("nextAssessment is an assessment", (parseJson(r.validate(next)) as Map<*, *>)["document"] == "assessment")
    val history = parseJson(r.history(listOf(commune, next))) as Map<*, *>
    check("history has 2 entries", (history["entries"] as List<*>).size == 2)
    check("diff", r.diff(commune, next).isNotEmpty())
    check("progressSeries", parseJson(r.progressSeries(listOf(commune, next), plan)) is List<*>)
    check("planCsv", r.planCsv(plan, Lang.FR).lines().size > 1)

    // Peers, roll-up, exports, charts, annual review, full report.
    val comparison = parseJson(r.compare(commune, peers)) as Map<*, *>
    check("compare", (comparison["strata"] as List<*>).isNotEmpty())
    val peerLine = r.peerResult(commune)
    val rolled = parseJson(rollup("{\"peers\": [$peerLine]}", 3u)) as Map<*, *>
    check("rollup of one member out of 3", rolled.isNotEmpty())
    check("answersCsv", r.answersCsv(commune, Lang.EN).lines().size > 10)
    check("themesCsv", r.themesCsv(commune, Lang.FR).lines().size > 3)
    check("radarSvg", r.radarSvg(commune, Lang.FR, """{"themes": {}}""", peers).contains("<svg"))
    check("evolutionSvg", r.evolutionSvg(listOf(commune, next), Lang.EN, plan).contains("<svg"))
    val review = r.annualReview(commune, 2026, Lang.FR, plan)
    check("annualReview", review.startsWith("#")) { review.take(100) }
    val full = r.fullReport(commune, ReportInputs(target = """{"index": 60}""", plan = plan, peers = peers,
        history = listOf(commune.replace("2026-03-12", "2025-03-12"))), ReportFormat.JSON, Lang.FR)
    check("fullReportData is the JSON full report", parseJson(r.fullReportData(commune, ReportInputs(target = """{"index": 60}""", plan = plan, peers = peers,
        history = listOf(commune.replace("2026-03-12", "2025-03-12"))))) == parseJson(full))
    check("fullReport is text in French by default", r.fullReport(commune).startsWith("Sobriété numérique"))
    val fullData = parseJson(full) as Map<*, *>
    check("fullReport JSON has every part",
        listOf("report", "gap", "proposal", "status", "history", "comparison").all { fullData[it] != null }) { fullData.keys.toString() }
    check("fullReport HTML", r.fullReport(commune, ReportInputs(), ReportFormat.HTML, Lang.EN).contains("<html"))
    check("libraryVersion", libraryVersion().isNotEmpty())
    val schemas = jsonSchemas()
    check("jsonSchemas", schemas.any { it.name == "assessment.schema.json" } &&
        schemas.all { (parseJson(it.json) as Map<*, *>)["\$schema"] != null }) { schemas.map { it.name }.toString() }

    // Throughput of the batch call (information, not a check).
    val batch = List(20) { commune }
    r.scoreMany(batch)
    val nanos = measureNanoTime { r.scoreMany(batch) }
    println("scoreMany: ${batch.size} assessments in ${nanos / 1_000_000} ms (${nanos / batch.size / 1000} µs each)")
}

fun main(args: Array<String>) {
    val vectorDir = File(args.getOrElse(0) { "tests/vectors" })
    val examples = File(args.getOrElse(1) { "examples" })

    var result = 0 to 0
    val vectorNanos = measureNanoTime { result = vectors(vectorDir) }
    val (passed, total) = result
    println("$passed/$total vectors reproduced (${vectorNanos / 1_000_000} ms)")

    val vectorChecks = checks
    val vectorFailures = failures
    val r = Referential.default()
    @Suppress("UNCHECKED_CAST")
    val miniJson = toJson((parseJson(File(vectorDir, "01-mini-level1-basic.json").readText()) as Map<String, Any?>)["referential"])
    val mini = Referential.fromJson(miniJson)
    val otherNanos = measureNanoTime {
        errorCases(r, mini, vectorDir)
        apiCases(r, examples)
    }
    println("${checks - vectorChecks} error and API checks (${otherNanos / 1_000_000} ms), ${failures - vectorFailures} failed")

    val corpus = File(args.getOrElse(2) { "tests/bad-inputs" })
    var bad: BadInputsResult? = null
    val badNanos = measureNanoTime { bad = badInputs(corpus) }
    bad!!.let { b ->
        check("the hostile-input corpus has at least 110 documents", b.total >= 110) { "${b.total}" }
        for (f in b.failures) check("bad input", false) { f }
        check("the library still works after the hostile inputs", Referential.default().id().isNotEmpty())
        println(
            "${b.total} hostile inputs (${badNanos / 1_000_000} ms): ${b.passed} typed errors as expected, " +
                "${b.failures.size} failed, ${b.pending} pending library fixes, ${b.notUtf8} not UTF-8 (not representable as a Kotlin String)"
        )
    }
    val table = operations(File("."))
    for (f in table.failures) check("operations table", false) { f }
    println(
        "cross-language table: ${table.operations} operations, ${table.cases} cases run " +
            "(${table.skipped} not expressible with Kotlin's enums), ${table.failures.size} failed"
    )
    if (failures > 0 || passed != total) exitProcess(1)
}
