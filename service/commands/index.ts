// Every CLI command, in the order `mto-planner --help` lists them.
import { costs } from './costs';
import { dispatch } from './dispatch';
import { plan } from './plan';
import { prices } from './prices';
import { quote } from './quote';
import { sample } from './sample';
import { suppliers } from './suppliers';
import { template } from './template';
import type { Command } from './types';
import { validate } from './validate';
import { worker } from './worker';

export const COMMANDS: Command[] = [template, sample, validate, plan, dispatch, suppliers, quote, costs, prices, worker];
