/**
 * The "Mark as checked" document action for services: records that an editor has just confirmed
 * the published listing with its provider (today, in their name) and publishes it. The patch and
 * when it may run are plain functions in `lib/checked.ts`.
 */
import { useEffect, useState } from 'react';
import { useCurrentUser, useDocumentOperation, type DocumentActionComponent } from 'sanity';
import { checkerName, markAsCheckedPatch, markAsCheckedState } from '../lib/checked';

type Step = 'idle' | 'patching' | 'publishing';

/** How long to wait for the patch and publish before handing the document back to the editor. */
const GIVE_UP_AFTER_MS = 20_000;

export const MarkAsCheckedAction: DocumentActionComponent = (props) => {
  const { id, type, draft, published, version } = props;
  const { patch, publish } = useDocumentOperation(id, type);
  const checkedBy = checkerName(useCurrentUser());
  const [step, setStep] = useState<Step>('idle');
  const [planned, setPlanned] = useState<ReturnType<typeof markAsCheckedPatch> | null>(null);

  useEffect(() => {
    // Publish once the patched draft is there, so only our two fields go live with it.
    if (step === 'patching' && planned && draft && !publish.disabled) {
      const { verifiedOn, verifiedBy } = planned.set;
      if (draft.verifiedOn === verifiedOn && draft.verifiedBy === verifiedBy) {
        publish.execute();
        setStep('publishing');
      }
    }
    // Published: the draft is gone.
    if (step === 'publishing' && !draft) {
      setStep('idle');
      setPlanned(null);
    }
  }, [step, planned, draft, publish]);

  useEffect(() => {
    // If the publish never lands (offline, no permission), give the buttons back: the draft with
    // today's date stays, for the ordinary Publish or Discard.
    if (step === 'idle') return undefined;
    const timer = setTimeout(() => setStep('idle'), GIVE_UP_AFTER_MS);
    return () => clearTimeout(timer);
  }, [step]);

  const busy = step !== 'idle';
  const state = markAsCheckedState({ draft, published, version, checkedBy });
  return {
    label: busy ? 'Marking as checked…' : 'Mark as checked',
    title: busy ? "Saving today's date and your name, then publishing" : state.title,
    tone: 'positive',
    disabled: busy || state.disabled || Boolean(patch.disabled),
    onHandle: () => {
      if (!checkedBy || state.disabled) return;
      const change = markAsCheckedPatch(checkedBy);
      setPlanned(change);
      setStep('patching');
      patch.execute([change]);
    },
  };
};
MarkAsCheckedAction.displayName = 'MarkAsCheckedAction';
