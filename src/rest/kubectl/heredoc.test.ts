import { describe, expect, it } from 'vitest';
import { heredocDelimiter, splitHeredoc } from './heredoc';

describe('a here-document typed into the Terminal', () => {
  it('is opened by <<WORD, <<\'WORD\', <<"WORD" or <<-WORD at the end of the line', () => {
    expect(heredocDelimiter('kubectl apply -f - <<EOF')).toMatchObject({ delimiter: 'EOF', stripTabs: false });
    expect(heredocDelimiter("kubectl apply -f - << 'END'")).toMatchObject({ delimiter: 'END' });
    expect(heredocDelimiter('kubectl apply -f - <<-"EOF"')).toMatchObject({ delimiter: 'EOF', stripTabs: true });
    expect(heredocDelimiter('kubectl get pods')).toBeUndefined();
    expect(heredocDelimiter('kubectl get pods -l "a<<b"')).toBeUndefined();
  });

  it('hands the lines up to the delimiter to stdin, each ending in a newline, and keeps the command', () => {
    expect(splitHeredoc('kubectl apply -f - <<EOF\nkind: ConfigMap\n  x: 1\nEOF')).toEqual({ command: 'kubectl apply -f -', stdin: 'kind: ConfigMap\n  x: 1\n' });
    expect(splitHeredoc('kubectl apply -f - <<-EOF\n\tkind: A\n\tEOF\nignored')).toEqual({ command: 'kubectl apply -f -', stdin: 'kind: A\n' });
    expect(splitHeredoc('kubectl apply -f - <<EOF\nEOF')).toEqual({ command: 'kubectl apply -f -', stdin: '' });
    expect(splitHeredoc('kubectl get pods')).toEqual({ command: 'kubectl get pods' });
  });
});
