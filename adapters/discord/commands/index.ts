import type { Command } from '../command.js';
import { briefMessageCommand } from './brief-message.js';
import { briefCommand } from './brief.js';

/**
 * Every command the bot answers and the deploy script registers: one list, no file scanning.
 * The digest adds `/digest` here.
 */
export const commands: readonly Command[] = [briefCommand, briefMessageCommand];
