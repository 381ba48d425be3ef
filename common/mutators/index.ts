import type { z } from 'zod';
import { validate } from '../api/validate';
import { AppFailure } from '../result';
import { appendAudit, AuditArgs } from './audit';
import { UpdateContactArgs, updateContact } from './customer-contacts';
import { DraftArgs, StatusArgs, SubmitArgs, saveDraft, setApplicationStatus, submitApplication } from './applications';
import { recordRating, RatingArgs } from './ratings';
import { addRatingDimensions, RatingDimensionsArgs } from './rating-dimensions';
import { AppealDecisionArgs, AppealFileArgs, decideAppeal, fileAppeal } from './appeals';
import { WeightsArgs, setEvaluationWeights } from './evaluation-weights';
import {
  AmendArgs,
  AttachArgs,
  RequestSignatureArgs,
  SignArgs,
  amendApplication,
  attachDocument,
  requestSignature,
  signApplication,
} from './application-signing';
import type { MutationContext } from './sql';
import { PaymentCreateArgs, PaymentStepArgs, createPayment, stepPayment } from './payments';
import {
  CashDeclareArgs,
  ConsultationArgs,
  InvoiceIssueArgs,
  InvoiceRequestArgs,
  RefundDecisionArgs,
  RefundRequestArgs,
  declareCash,
  decideRefund,
  issueInvoice,
  logConsultation,
  requestInvoice,
  requestRefund,
} from './counter-money';
import { SignInArgs, SignOutArgs, signIn, signOut } from './window-sessions';
import {
  CallArgs,
  IssueArgs,
  StepArgs,
  callTicket,
  finishTicket,
  issueTicket,
  recallTicket,
  startTicket,
} from './tickets';
import {
  CloseDayArgs,
  ParkArgs,
  ReclassifyArgs,
  SettingsArgs,
  TransferArgs,
  TypeConfigArgs,
  WindowConfigArgs,
  WindowStatusArgs,
  closeDay,
  configureQueue,
  configureType,
  configureWindow,
  noShowTicket,
  parkTicket,
  reclassifyTicket,
  resumeTicket,
  setWindowStatus,
  transferTicket,
} from './tickets';
import { SkillsArgs, setStaffSkills } from './tickets';
import {
  TagAssignArgs,
  TagDefineArgs,
  TagRecomputeArgs,
  assignTag,
  defineTag,
  recomputeTags,
  removeTag,
} from './customer-tags';
import { FollowupArgs, recordFollowup } from './customer-followups';

interface MutatorDef<S extends z.ZodType> {
  args: S;
  apply(ctx: MutationContext, args: z.output<S>): void;
}
const def = <S extends z.ZodType>(
  args: S,
  apply: (ctx: MutationContext, args: z.output<S>) => void,
): MutatorDef<S> => ({ args, apply });

/** Every mutation a station can push, by name. The central runs exactly these. */
export const MUTATORS = {
  'ticket.issue': def(IssueArgs, issueTicket),
  'ticket.call': def(CallArgs, callTicket),
  'ticket.recall': def(CallArgs, recallTicket),
  'ticket.start': def(StepArgs, startTicket),
  'ticket.finish': def(StepArgs, finishTicket),
  'rating.record': def(RatingArgs, recordRating),
  'audit.append': def(AuditArgs, appendAudit),
  'window.signIn': def(SignInArgs, signIn),
  'window.signOut': def(SignOutArgs, signOut),
  'customer.updateContact': def(UpdateContactArgs, updateContact),
  'ticket.noShow': def(StepArgs, noShowTicket),
  'ticket.park': def(ParkArgs, parkTicket),
  'ticket.resume': def(StepArgs, resumeTicket),
  'ticket.transfer': def(TransferArgs, transferTicket),
  'ticket.reclassify': def(ReclassifyArgs, reclassifyTicket),
  'queue.closeDay': def(CloseDayArgs, closeDay),
  'window.setStatus': def(WindowStatusArgs, setWindowStatus),
  'window.configure': def(WindowConfigArgs, configureWindow),
  'queue.configure': def(SettingsArgs, configureQueue),
  'queue.configureType': def(TypeConfigArgs, configureType),
  'application.saveDraft': def(DraftArgs, saveDraft),
  'application.submit': def(SubmitArgs, submitApplication),
  'application.setStatus': def(StatusArgs, setApplicationStatus),
  'staff.setSkills': def(SkillsArgs, setStaffSkills),
  'payment.create': def(PaymentCreateArgs, createPayment),
  'payment.step': def(PaymentStepArgs, stepPayment),
  'refund.request': def(RefundRequestArgs, requestRefund),
  'refund.decide': def(RefundDecisionArgs, decideRefund),
  'invoice.request': def(InvoiceRequestArgs, requestInvoice),
  'invoice.issue': def(InvoiceIssueArgs, issueInvoice),
  'cash.declare': def(CashDeclareArgs, declareCash),
  'consultation.log': def(ConsultationArgs, logConsultation),
  'application.requestSignature': def(RequestSignatureArgs, requestSignature),
  'application.sign': def(SignArgs, signApplication),
  'application.amend': def(AmendArgs, amendApplication),
  'application.attach': def(AttachArgs, attachDocument),
  'rating.addDimensions': def(RatingDimensionsArgs, addRatingDimensions),
  'appeal.file': def(AppealFileArgs, fileAppeal),
  'appeal.decide': def(AppealDecisionArgs, decideAppeal),
  'evaluation.setWeights': def(WeightsArgs, setEvaluationWeights),
  'tag.define': def(TagDefineArgs, defineTag),
  'tag.assign': def(TagAssignArgs, assignTag),
  'tag.remove': def(TagAssignArgs, removeTag),
  'tag.recompute': def(TagRecomputeArgs, recomputeTags),
  'followup.record': def(FollowupArgs, recordFollowup),
} as const;

export type MutationName = keyof typeof MUTATORS;
export type MutationArgs<N extends MutationName> = z.input<(typeof MUTATORS)[N]['args']>;

/** Validate a mutation's arguments and apply it; throws AppFailure on invalid input or a rule. */
export function applyMutation(ctx: MutationContext, name: string, args: unknown): void {
  if (!Object.hasOwn(MUTATORS, name))
    throw new AppFailure('validation', 'sync.unknownMutation', { name: String(name).slice(0, 64) }, 'name');
  const m = MUTATORS[name as MutationName];
  const parsed = validate(m.args, args);
  if (!parsed.ok) throw AppFailure.fromError(parsed.error);
  (m.apply as (c: MutationContext, a: unknown) => void)(ctx, parsed.value);
}

export * from './sql';
