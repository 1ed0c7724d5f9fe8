// The copilot: a question in, an AskAnswer out. The semantic layer reads the question, plans it
// against what the lake holds, builds SQL and runs it through the guarded runQuery; the answer
// is worded from the rows. What it cannot read goes to the configured language model (if any),
// whose SQL passes the same guard; otherwise it refuses, with suggestions. Every question is
// logged, masked, to the lake.

import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';
import type { LlmProvider } from '../../ports/llm.js';
import type { Logger } from '../../ports/logger.js';
import { maskFreeText } from '../curate/masking/mask-free-text.js';
import { AnswerCache } from './answer-cache.js';
import { answerInWords } from './answer-in-words.js';
import type { AskAnswer } from './ask-answer.js';
import { askRows } from './ask-rows.js';
import { buildSql } from './build-sql.js';
import { minDay } from './calendar-dates.js';
import { chartSuggestion } from './chart-suggestion.js';
import { type CopilotSqlContext, runCopilotQuery } from './copilot-sql.js';
import { type LakeFacts, LakeFactsCache } from './lake-facts.js';
import { llmAnswer } from './llm-answer.js';
import { parseQuestion } from './parse-question.js';
import { planQuestion } from './plan-question.js';
import { buildLexicon, type Lexicon } from './question-lexicon.js';
import type { QuestionLog, QuestionLogStatus } from './question-log.js';
import { refusedAnswer } from './refused-answer.js';
import { screenQuestion } from './screen-question.js';
import { METRICS } from './semantic-metrics.js';
import { suggestionsFor } from './suggestions.js';

/** Rows an answer carries at most (a day-by-day trend over years fits). */
export const ANSWER_ROW_LIMIT = 5_000;

export interface CopilotOptions {
  /** The fallback for questions the semantic layer cannot read; none: they are refused. */
  readonly llm?: LlmProvider;
  readonly llmTimeoutMs?: number;
  /** Where questions are logged; none: not logged (tests of parsing alone). */
  readonly questionLog?: QuestionLog;
  readonly logger?: Logger;
  readonly clock?: () => Date;
}

/**
 * @example
 * const copilot = new Copilot({ questionLog: new QuestionLog(store) });
 * const answer = await copilot.ask('Top 5 categories by revenue last month', { sql, store, catalog, timeoutMs: 30_000 });
 */
export class Copilot {
  private readonly facts = new LakeFactsCache();
  private readonly answers = new AnswerCache();
  private lexicon: { facts: LakeFacts; lexicon: Lexicon } | undefined;

  constructor(private readonly options: CopilotOptions = {}) {}

  /** Answers one question (already checked by `checkQuestion`); never throws for a bad question. */
  async ask(question: string, context: CopilotSqlContext): Promise<AskAnswer> {
    const started = performance.now();
    const askedAt = (this.options.clock?.() ?? new Date()).toISOString();
    const masked = maskFreeText(question.trim());
    let answer: AskAnswer;
    let status: QuestionLogStatus;
    try {
      answer = await this.answer(masked, context, started);
      status = answer.status;
    } catch (error: unknown) {
      // Query failures (a timeout, a missing file) are said as they are, never papered over.
      if (!(error instanceof ShoplakeError)) this.options.logger?.error('copilot.ask.failed', { error });
      answer = refusedAnswer(masked, `the query failed: ${errorMessage(error)}`, started, {
        suggestions: suggestionsFor(undefined),
      });
      status = 'failed';
    }
    await this.log(answer, status, askedAt);
    return answer;
  }

  private async answer(masked: string, context: CopilotSqlContext, started: number): Promise<AskAnswer> {
    const screened = screenQuestion(masked);
    if (screened) return refusedAnswer(masked, screened, started, { suggestions: suggestionsFor(undefined) });
    const facts = await this.facts.get(context);
    // Only where the caller caches query answers (the API server) are whole answers kept too.
    const kept = context.cache ? this.answers.get(masked, facts, context.catalog) : undefined;
    if (kept) return { ...kept, question: masked, elapsedMs: Math.round(performance.now() - started) };
    const answer = await this.semanticAnswer(masked, facts, context, started);
    if (context.cache && answer.source === 'semantic-layer')
      this.answers.set(masked, answer, facts, context.catalog);
    return answer;
  }

  private async semanticAnswer(
    masked: string,
    facts: LakeFacts,
    context: CopilotSqlContext,
    started: number,
  ): Promise<AskAnswer> {
    const parsed = parseQuestion(masked, this.lexiconFor(facts));
    const planned = planQuestion(parsed, facts);
    if ('refusal' in planned) {
      if (this.options.llm)
        return llmAnswer(masked, planned.refusal, {
          llm: this.options.llm,
          timeoutMs: this.options.llmTimeoutMs ?? 20_000,
          facts,
          context,
          started,
        });
      // Suggestions about the metric the question named, when it named one.
      const named = parsed.metrics[0] ?? parsed.impliedMetrics[0];
      return refusedAnswer(masked, planned.refusal, started, {
        suggestions: planned.suggestions ?? suggestionsFor(named ? METRICS[named].family : undefined),
      });
    }
    const { plan } = planned;
    const query = buildSql(plan, facts);
    const result = await runCopilotQuery(query.sql, context, ANSWER_ROW_LIMIT);
    const { columns, rows } = askRows(result);
    const last = plan.periods.at(-1);
    const first = plan.periods[0];
    return {
      question: masked,
      status: 'answered',
      intent: plan.intent,
      metric: plan.metric.name,
      dimensions: plan.dimensions,
      filters: plan.filters.map((f) => ({
        field: f.dimension,
        op: f.values.length > 1 ? (f.exclude ? 'not in' : 'in') : f.exclude ? '!=' : '=',
        value: f.values.join(', '),
      })),
      period:
        first && last
          ? {
              from: minDay(last.from, first.from),
              to: first.to,
              label: plan.periods.map((p) => p.label).join(' vs '),
            }
          : undefined,
      sql: query.sql,
      columns,
      rows,
      answer: answerInWords(plan, query, {
        columns: columns.map((c) => c.name),
        rows,
        truncated: result.truncated,
      }),
      chart: chartSuggestion(plan, query),
      suggestions: suggestionsFor(plan.metric.family).filter((s) => s.toLowerCase() !== masked.toLowerCase()),
      elapsedMs: Math.round(performance.now() - started),
      source: 'semantic-layer',
    };
  }

  private lexiconFor(facts: LakeFacts): Lexicon {
    if (this.lexicon?.facts !== facts) this.lexicon = { facts, lexicon: buildLexicon(facts.values) };
    return this.lexicon.lexicon;
  }

  private async log(answer: AskAnswer, status: QuestionLogStatus, askedAt: string): Promise<void> {
    this.options.logger?.info('copilot.ask', {
      question: answer.question,
      intent: answer.intent,
      status,
      rows: answer.rows.length,
      ms: answer.elapsedMs,
      source: answer.source,
    });
    if (!this.options.questionLog) return;
    try {
      await this.options.questionLog.record({
        asked_at: askedAt,
        question: answer.question,
        intent: answer.intent,
        sql: answer.sql ?? null,
        rows: answer.rows.length,
        latency_ms: answer.elapsedMs,
        status,
      });
    } catch (error: unknown) {
      // The answer stands; a lost log line is worth a warning, not a failed question.
      this.options.logger?.warn('copilot.log.failed', { error: errorMessage(error) });
    }
  }
}
