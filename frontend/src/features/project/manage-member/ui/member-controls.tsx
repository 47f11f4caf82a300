"use client";

import { useId, useState } from "react";

import {
  canAssign,
  leaveReason,
  memberChangeReason,
  ROLES,
  type DenyReason,
  type Member,
  type Role,
} from "@/entities/project";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, useToast } from "@/shared/ui";

import { useChangeMemberRoleMutation, useRemoveMemberMutation, useTransferOwnershipMutation } from "../api/members-api";
import { ConfirmDialog } from "./confirm-dialog";
import styles from "./member-controls.module.css";

export interface MemberControlContext {
  projectId: string;
  myRole: Role | null;
  myId: string;
  ownerCount: number;
}

function nameOf(member: Member): string {
  return member.user.display_name || member.user.email;
}

/** Why the role of `member` cannot be changed by me, or null. */
export function roleChangeReason(member: Member, { myRole, myId, ownerCount }: MemberControlContext): DenyReason | null {
  return memberChangeReason(myRole, member.role, { ownerCount, isSelf: member.user.id === myId });
}

/** The role select of one member row; disabled with its reason shown when not allowed. */
export function MemberRoleSelect({ member, context }: { member: Member; context: MemberControlContext }) {
  const t = useTranslations("projectMembers");
  const tr = useTranslations("projectRole");
  const treasons = useTranslations("projects.reasons");
  const errorText = useApiErrorText();
  const toast = useToast();
  const reasonId = useId();
  const [changeRole] = useChangeMemberRoleMutation();
  const reason = roleChangeReason(member, context);
  const name = nameOf(member);

  const change = async (role: Role) => {
    try {
      await changeRole({ projectId: context.projectId, userId: member.user.id, role }).unwrap();
      toast.show({ tone: "success", message: t("roleChanged", { name, role: tr(role) }), durationMs: 2500 });
    } catch (error) {
      toast.show({ tone: "error", message: `${t("roleChangeFailed")} ${errorText(asApiError(error))}` });
    }
  };

  return (
    <div className={styles.roleCell}>
      <select
        className={styles.select}
        aria-label={t("roleOf", { name })}
        aria-describedby={reason ? reasonId : undefined}
        value={member.role}
        disabled={Boolean(reason)}
        title={reason ? treasons(reason) : undefined}
        onChange={(event) => void change(event.target.value as Role)}
        data-testid="member-role"
      >
        {ROLES.map((role) => (
          <option key={role} value={role} disabled={role !== member.role && !canAssign(context.myRole, member.role, role)}>
            {tr(role)}
          </option>
        ))}
      </select>
      {reason ? (
        <span id={reasonId} className={styles.reason} data-testid="member-role-reason">
          {treasons(reason)}
        </span>
      ) : null}
    </div>
  );
}

/** Remove (managers, not above their own role) and transfer ownership (owners), each confirmed. */
export function MemberActions({ member, context }: { member: Member; context: MemberControlContext }) {
  const t = useTranslations("projectMembers");
  const treasons = useTranslations("projects.reasons");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [confirm, setConfirm] = useState<"remove" | "transfer" | null>(null);
  const [removeMember, removing] = useRemoveMemberMutation();
  const [transfer, transferring] = useTransferOwnershipMutation();
  const isSelf = member.user.id === context.myId;
  if (isSelf) return null;
  const name = nameOf(member);
  const removeReason = roleChangeReason(member, context);
  const transferReason: DenyReason | null = context.myRole === "owner" ? null : "ownerOnlyTransfer";
  const showTransfer = member.role !== "owner";

  const run = async (action: "remove" | "transfer") => {
    try {
      if (action === "remove") {
        await removeMember({ projectId: context.projectId, userId: member.user.id }).unwrap();
        toast.show({ tone: "success", message: t("removed", { name }), durationMs: 2500 });
      } else {
        await transfer({ projectId: context.projectId, userId: member.user.id }).unwrap();
        toast.show({ tone: "success", message: t("transferred", { name }) });
      }
      setConfirm(null);
    } catch (error) {
      setConfirm(null);
      toast.show({ tone: "error", message: errorText(asApiError(error)) });
    }
  };

  return (
    <div className={styles.actions}>
      {showTransfer ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={Boolean(transferReason)}
          title={transferReason ? treasons(transferReason) : undefined}
          aria-label={t("transferTo", { name })}
          onClick={() => setConfirm("transfer")}
        >
          {t("transfer")}
        </Button>
      ) : null}
      <Button
        size="sm"
        variant="ghost"
        className={styles.danger}
        disabled={Boolean(removeReason)}
        title={removeReason ? treasons(removeReason) : undefined}
        aria-label={t("removeOf", { name })}
        onClick={() => setConfirm("remove")}
      >
        {t("remove")}
      </Button>
      <ConfirmDialog
        open={confirm === "remove"}
        title={t("removeOf", { name })}
        body={t("confirmRemove", { name })}
        confirmLabel={t("remove")}
        busy={removing.isLoading}
        onConfirm={() => void run("remove")}
        onClose={() => setConfirm(null)}
      />
      <ConfirmDialog
        open={confirm === "transfer"}
        title={t("transferTo", { name })}
        body={t("confirmTransfer", { name })}
        confirmLabel={t("transfer")}
        busy={transferring.isLoading}
        onConfirm={() => void run("transfer")}
        onClose={() => setConfirm(null)}
      />
    </div>
  );
}

/** Leave the project (anyone but the last owner). */
export function LeaveProjectButton({ context, onLeft }: { context: MemberControlContext; onLeft: () => void }) {
  const t = useTranslations("projectMembers");
  const treasons = useTranslations("projects.reasons");
  const errorText = useApiErrorText();
  const toast = useToast();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [removeMember, { isLoading }] = useRemoveMemberMutation();
  const reason = leaveReason(context.myRole, context.ownerCount);

  const leave = async () => {
    try {
      await removeMember({ projectId: context.projectId, userId: context.myId }).unwrap();
      setOpen(false);
      toast.show({ tone: "success", message: t("left") });
      onLeft();
    } catch (error) {
      setOpen(false);
      toast.show({ tone: "error", message: errorText(asApiError(error)) });
    }
  };

  return (
    <div className={styles.leave}>
      <Button
        variant="secondary"
        className={styles.danger}
        disabled={Boolean(reason)}
        aria-describedby={reason ? reasonId : undefined}
        onClick={() => setOpen(true)}
      >
        {t("leave")}
      </Button>
      {reason ? (
        <span id={reasonId} className={styles.reason}>
          {treasons(reason)}
        </span>
      ) : null}
      <ConfirmDialog
        open={open}
        title={t("leave")}
        body={t("confirmLeave")}
        confirmLabel={t("leave")}
        busy={isLoading}
        onConfirm={() => void leave()}
        onClose={() => setOpen(false)}
      />
    </div>
  );
}
