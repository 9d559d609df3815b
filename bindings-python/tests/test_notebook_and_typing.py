"""The example notebook runs headless; the examples type-check with
mypy --strict; the stubs match the runtime (stubtest); the typed documents
are up to date with the JSON Schemas."""

from __future__ import annotations

import subprocess
import sys

from conftest import EXAMPLES, ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True)


def test_notebook_executes() -> None:
    import nbclient
    import nbformat

    nb = nbformat.read(EXAMPLES / "notebook.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()  # raises CellExecutionError on any error
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    data = [o.get("data", {}) for o in outputs]
    assert any("image/svg+xml" in d for d in data), "a chart is displayed"
    assert any("text/html" in d and "srcdoc" in d["text/html"] for d in data), "the report is displayed"
    assert any("text/html" in d and "<table" in d["text/html"] for d in data), "a DataFrame is displayed"


def test_examples_pass_mypy_strict() -> None:
    done = run(sys.executable, "-m", "mypy", "--strict", "examples/python", "bindings-python/python/sobriete")
    assert done.returncode == 0, done.stdout + done.stderr


def test_stubtest() -> None:
    done = run(sys.executable, "-m", "mypy.stubtest", "sobriete")
    assert done.returncode == 0, done.stdout + done.stderr


def test_generated_documents_are_up_to_date() -> None:
    done = run(sys.executable, "bindings-python/tools/gen_documents.py", "--check")
    assert done.returncode == 0, done.stderr


def test_quickstart_runs() -> None:
    done = run(sys.executable, "examples/python/quickstart.py")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "28.82 E 100.0"
    assert lines[-1] == "[('invalid_date', '/date'), ('invalid_level', '/level')]"


def test_readme_example_runs() -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", readme, re.S)
    assert block, "the README has a Python example"
    done = run(sys.executable, "-c", block.group(1))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "28.82 E 100.0"
    assert lines[-1] == "[('invalid_date', '/date'), ('invalid_level', '/level')]"
