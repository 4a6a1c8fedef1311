#!/usr/bin/env python3
"""Runs the ONNX checker (with shape inference) on exported models: check-onnx.py FILE.onnx ...

Not part of CI (which needs no Python); a hand check of what exportOnnx writes, against the
`onnx` package's own validator. Prints one line per file and exits non-zero if any fails.
"""
import sys

import onnx

failed = 0
for path in sys.argv[1:]:
    try:
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        print(f"ok   {path} (opset {model.opset_import[0].version}, {len(model.graph.node)} nodes)")
    except Exception as e:  # the checker raises several exception types
        failed += 1
        print(f"FAIL {path}: {e}")
sys.exit(1 if failed else 0)
