// A shell here-document typed into the Terminal as one input: `kubectl apply -f - <<EOF`, then the
// document's lines, then the delimiter alone on a line. bash hands the lines to the command's stdin;
// the Terminal does the same (KubectlSession.run's stdin), so `-f -` reads them as kubectl reads STDIN.

/** The delimiter a line opens a here-document with (`<<EOF`, `<< 'EOF'`, `<<-"END"`), if it does. */
export function heredocDelimiter(line: string): { delimiter: string; stripTabs: boolean; at: number } | undefined {
  const m = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2\s*$/.exec(line);
  return m ? { delimiter: m[3], stripTabs: m[1] === '-', at: m.index } : undefined;
}

/** Split a typed input into the command and, when it opened a here-document, the text its stdin gets. */
export function splitHeredoc(input: string): { command: string; stdin?: string } {
  const [first, ...lines] = input.split('\n');
  const h = heredocDelimiter(first);
  if (!h) return { command: input };
  const body: string[] = [];
  for (const raw of lines) {
    const l = h.stripTabs ? raw.replace(/^\t+/, '') : raw;
    if (l === h.delimiter) break;
    body.push(l);
  }
  // bash ends every line of the document with a newline
  return { command: first.slice(0, h.at).trimEnd(), stdin: body.map((l) => `${l}\n`).join('') };
}
