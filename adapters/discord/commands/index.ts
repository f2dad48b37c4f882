import type { Command } from '../command.js';
import { briefMessageCommand } from './brief-message.js';
import { briefCommand } from './brief.js';
import { digestCommand } from './digest.js';

/**
 * Every command the bot answers and the deploy script registers: one list, no file scanning.
 */
export const commands: readonly Command[] = [briefCommand, briefMessageCommand, digestCommand];
