import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../tool/src/shared/markdown/index.ts';

const A = 'rel="noopener noreferrer" target="_blank"';

describe('renderMarkdown', () => {
  it.each<[string, string, string]>([
    ['a paragraph', 'Bonjour', '<p>Bonjour</p>'],
    ['paragraphs split by a blank line', 'Un\n\nDeux', '<p>Un</p>\n<p>Deux</p>'],
    ['a single newline as a space (soft break)', 'Un\nDeux', '<p>Un Deux</p>'],
    ['an indented code block after a blank line, relative indentation kept', 'Voici :\n\n    a = 3\n    if a:\n        b = 1\n\nFin', '<p>Voici :</p>\n<pre><code>a = 3\nif a:\n    b = 1</code></pre>\n<p>Fin</p>'],
    ['an indented line inside a paragraph stays text', 'Un\n    deux', '<p>Un deux</p>'],
    ['html inside an indented code block is escaped', '    <b>x</b>', '<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>'],
    ['a backslash before the newline as <br>', 'Un\\\nDeux', '<p>Un<br>Deux</p>'],
    ['bold', 'un **mot** fort', '<p>un <strong>mot</strong> fort</p>'],
    ['italic with stars', 'un *mot* penché', '<p>un <em>mot</em> penché</p>'],
    ['italic with underscores', 'un _mot_ penché', '<p>un <em>mot</em> penché</p>'],
    ['italic inside bold', '**a *b* c**', '<p><strong>a <em>b</em> c</strong></p>'],
    ['bold and italic', '***x***', '<p><strong><em>x</em></strong></p>'],
    ['snake_case stays literal', 'le fichier mon_fichier_final.odt', '<p>le fichier mon_fichier_final.odt</p>'],
    ['lone stars stay literal', '2 * 3 * 4', '<p>2 * 3 * 4</p>'],
    ['an escaped star', '\\*pas italique\\*', '<p>*pas italique*</p>'],
    ['inline code, escaped, not parsed', 'tape `<b>**x**</b>`', '<p>tape <code>&lt;b&gt;**x**&lt;/b&gt;</code></p>'],
    ['an unmatched backtick', 'un ` seul', '<p>un ` seul</p>'],
    ['a fenced code block', '```js\nif (a < b) {\n  **x**\n}\n```', '<pre><code>if (a &lt; b) {\n  **x**\n}</code></pre>'],
    ['an unclosed fence runs to the end', '```\ncode', '<pre><code>code</code></pre>'],
    ['a bullet list with - and *', '- un\n* deux', '<ul><li>un</li><li>deux</li></ul>'],
    ['an ordered list', '1. un\n2. deux', '<ol><li>un</li><li>deux</li></ol>'],
    ['an ordered list starting at 3', '3. trois\n4. quatre', '<ol start="3"><li>trois</li><li>quatre</li></ol>'],
    ['a list right after a paragraph line', 'Voici :\n- un\n- deux\nFin', '<p>Voici :</p>\n<ul><li>un</li><li>deux</li></ul>\n<p>Fin</p>'],
    ['an indented line continues an item', '- un\n  suite', '<ul><li>un suite</li></ul>'],
    ['inline markup in items', '- **gras** et `code`', '<ul><li><strong>gras</strong> et <code>code</code></li></ul>'],
    ['# and ## and ### are h3', '# Un\n## Deux\n### Trois', '<h3>Un</h3>\n<h3>Deux</h3>\n<h3>Trois</h3>'],
    ['#### is h4, closing hashes dropped', '#### Quatre ##', '<h4>Quatre</h4>'],
    ['a hashtag is not a heading', '#motclé', '<p>#motclé</p>'],
    ['a lone # is text, not an empty heading', '#', '<p>#</p>'],
    ['items separated by blank lines form one list', '- un\n\n- deux\n\nFin', '<ul><li>un</li><li>deux</li></ul>\n<p>Fin</p>'],
    ['an https link', '[Pix](https://pix.fr)', `<p><a href="https://pix.fr" ${A}>Pix</a></p>`],
    ['a mailto link', '[écrire](mailto:a@b.fr)', `<p><a href="mailto:a@b.fr" ${A}>écrire</a></p>`],
    [
      'a URL with parentheses and an ampersand',
      '[w](https://fr.wikipedia.org/wiki/Pix_(logiciel)?a=1&b=2)',
      `<p><a href="https://fr.wikipedia.org/wiki/Pix_(logiciel)?a=1&amp;b=2" ${A}>w</a></p>`,
    ],
    ['bold inside a link label', '[**Pix**](https://pix.fr)', `<p><a href="https://pix.fr" ${A}><strong>Pix</strong></a></p>`],
    ['a relative link is text', '[page](/admin)', '<p>page (/admin)</p>'],
    ['CRLF line endings', 'Un\r\nDeux\r\n\r\nTrois', '<p>Un Deux</p>\n<p>Trois</p>'],
    ['empty input', '', ''],
  ])('%s', (_name, markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });

  it.each<[string, string, string]>([
    ['a link as "text (url)"', 'Voir [Pix](https://pix.fr).', '<p>Voir Pix (https://pix.fr).</p>'],
    ['an ampersand in the printed URL is escaped', '[q](https://a.fr/?a=1&b=2)', '<p>q (https://a.fr/?a=1&amp;b=2)</p>'],
  ])('with allowLinks false (GAR): %s', (_name, markdown, html) => {
    expect(renderMarkdown(markdown, { allowLinks: false })).toBe(html);
  });
});

describe('renderMarkdown never lets HTML through', () => {
  it.each<[string, string, string]>([
    ['a script tag', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['an img with onerror', '<img src=x onerror="alert(1)">', '<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>'],
    ['a javascript: link', '[clic](javascript:alert(1))', '<p>clic (javascript:alert(1))</p>'],
    ['a JavaScript: link in mixed case', '[clic](JavaScript:alert(1))', '<p>clic (JavaScript:alert(1))</p>'],
    ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD4=)', '<p>x (data:text/html;base64,PHNjcmlwdD4=)</p>'],
    [
      'a quote breaking out of href',
      '[x](https://a.fr/"onerror="alert(1))',
      `<p><a href="https://a.fr/&quot;onerror=&quot;alert(1)" ${A}>x</a></p>`,
    ],
    ['a quote and a space in a URL (not a link)', '[x](https://a.fr/" onerror=alert(1))', '<p>[x](https://a.fr/&quot; onerror=alert(1))</p>'],
    ['HTML in a link label', '[<b>x</b>](https://a.fr)', `<p><a href="https://a.fr" ${A}>&lt;b&gt;x&lt;/b&gt;</a></p>`],
    ['HTML in a heading', "### <i>'t'</i>", '<h3>&lt;i&gt;&#39;t&#39;&lt;/i&gt;</h3>'],
    ['HTML in a list item', '- <svg onload=alert(1)>', '<ul><li>&lt;svg onload=alert(1)&gt;</li></ul>'],
    ['an HTML comment', '<!-- x -->', '<p>&lt;!-- x --&gt;</p>'],
    ['entities are not decoded', '&lt;script&gt;', '<p>&amp;lt;script&amp;gt;</p>'],
  ])('%s', (_name, markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });

  it('survives deeply alternating emphasis without exhausting the stack', () => {
    const hostile = `${'*_'.repeat(5_000)}x${'_*'.repeat(5_000)}`;
    const html = renderMarkdown(hostile);
    expect(html.startsWith('<p>')).toBe(true);
    expect(html).not.toMatch(/<(?!\/?(?:p|em|strong)>)/);
  });
});
