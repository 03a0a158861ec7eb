#!/usr/bin/env bash
# Makes the ledger files of this folder from the example ledger (examples/ledger) the way real tools make them, with
# LibreOffice (Debian: apt-get install libreoffice-calc-nogui) saving every file. Run from the repository's root after
# ./mvnw -q test-compile; the files are committed as they come out, and LedgerRealFilesTest reads them.
#   example-gb18030/   every table saved as CSV in GB18030 (what Chinese Excel and WPS write for "CSV"), no BOM
#   example-utf16/     every table saved as "Unicode text": UTF-16LE with a BOM, tab-separated, .txt
#   example-libreoffice.xlsx  a typed workbook (date, boolean, number cells) re-saved by LibreOffice, whose booleans
#                      are then the formulas TRUE() and FALSE() with their values cached
#   clerk-layout.xlsx  Chinese sheets and headers, cases on sheets 1月, 2月, 3月 with a title row, the header on row 3,
#                      责任单位 merged per unit and a footer (合计, 制表, 审核), re-saved by LibreOffice
#   phones-scientific.csv  the cases table saved as CSV from a sheet whose phone column shows numbers in scientific
#                      format, as a long number in Excel's General format does: 1.8986E+10
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../../.. && pwd)
example=$root/examples/ledger
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# every column imported as text (the values are kept as written), UTF-8 (76)
text_columns=$(seq -s/ 1 40 | sed 's#\([0-9]*\)#\1/2#g')
import="CSV:44,34,76,1,$text_columns"

rm -rf example-gb18030 example-utf16
mkdir -p example-gb18030 example-utf16
for csv in "$example"/*.csv; do
    # 85: GB18030; 65535: UTF-16 ("Unicode"); 9: tab
    soffice --headless --infilter="$import" \
        --convert-to "csv:Text - txt - csv (StarCalc):44,34,85,1,,0,false,true,true,false,false" \
        --outdir example-gb18030 "$csv" >/dev/null
    soffice --headless --infilter="$import" \
        --convert-to "txt:Text - txt - csv (StarCalc):9,34,65535,1,,0,false,true,true,false,false" \
        --outdir example-utf16 "$csv" >/dev/null
done

java -cp "$root/target/test-classes:$root/target/classes:$(cd "$root" && ./mvnw -q -o dependency:build-classpath \
    -Dmdep.outputFile=/dev/stdout)" org.warmline.ledger.RealFilesMaker "$example" "$work"
soffice --headless --convert-to xlsx --outdir "$work/saved" "$work/typed.xlsx" "$work/clerk.xlsx" >/dev/null
cp "$work/saved/typed.xlsx" example-libreoffice.xlsx
cp "$work/saved/clerk.xlsx" clerk-layout.xlsx
soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false" \
    --outdir "$work/saved" "$work/phones.xlsx" >/dev/null
cp "$work/saved/phones.csv" phones-scientific.csv
