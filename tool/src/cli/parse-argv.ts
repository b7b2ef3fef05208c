/** `a b --json --uai 0000000A file` → words and options. A flag followed by another flag or nothing is boolean. */
export function parseArgv(argv: string[], booleanFlags: ReadonlySet<string> = new Set(['json', 'help', 'memory'])) {
  const words: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '-h') options.help = true;
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) options[name] = inline;
      else if (booleanFlags.has(name) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) options[name] = true;
      else options[name] = argv[++i]!;
    } else words.push(arg);
  }
  return { words, options };
}
