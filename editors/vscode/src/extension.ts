// The VS Code side of octohook: it starts `octohookc lsp` over stdio and hands it every
// `.ohk` document. Everything the user sees (diagnostics, completion, hover, definitions,
// the outline) comes from that language server; this file only finds and starts it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The configured command, else the workspace's own octohook install, else `octohookc` on the PATH. */
function serverCommand(config: vscode.WorkspaceConfiguration): string {
  const configured = config.get<string>('server.command', '').trim();
  if (configured) return configured;
  const bin = process.platform === 'win32' ? 'octohookc.cmd' : 'octohookc';
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', '.bin', bin);
    if (existsSync(local)) return local;
  }
  return 'octohookc';
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('octohook');
  const command = serverCommand(config);
  const args = config.get<string[]>('server.args', ['lsp']);
  const serverOptions: ServerOptions = {
    command,
    args,
    // TransportKind.stdio adds `--stdio`, which `octohookc lsp` accepts.
    transport: TransportKind.stdio,
    // .cmd shims on Windows only run through a shell.
    options: { shell: process.platform === 'win32' },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'octohook' }],
    initializationOptions: { debounceMs: config.get<number>('diagnostics.debounceMs', 150) },
  };
  client = new LanguageClient('octohook', 'octohook language server', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('octohook')) {
        void vscode.window.showInformationMessage('octohook: reload the window to apply the new language server settings.');
      }
    }),
  );
  try {
    await client.start();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `octohook: could not start '${command} ${args.join(' ')}' (${why}). Install octohook (npm install octohook) or set "octohook.server.command".`,
    );
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
