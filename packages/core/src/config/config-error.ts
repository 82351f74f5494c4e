// Its own module so that code which only catches it (the CLI) does not load config validation (ajv, the schemas).

/** An invalid or unreadable config: always names the file, the line and the bad key. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly filePath: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line ? `${filePath}:${line}:${column ?? 1}: ${message}` : `${filePath}: ${message}`);
    this.name = 'ConfigError';
  }
}
