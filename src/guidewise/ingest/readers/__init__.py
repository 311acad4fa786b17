"""One streaming reader per input format; `guidewise.ingest.detect.read_any` picks the right one."""
