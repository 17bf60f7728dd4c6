import * as vscode from 'vscode';
import type { Logger } from '../shared/logger';

/** The output channel's name, as View > Output lists it. */
export const OUTPUT_CHANNEL_NAME = 'GenMath';

/**
 * The "GenMath" output channel as a `Logger`. It is a log channel, so each line carries its time
 * and level and the person picks how much to see (Developer: Set Log Level); it never opens
 * itself, so a give-up is there when looked for and never in the way.
 */
export function createOutputLogger(): { readonly logger: Logger; readonly channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const logger: Logger = {
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
  return { logger, channel };
}
