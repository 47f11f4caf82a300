"use client";

import Link from "next/link";
import { useState } from "react";

import { displayNameOf, UserIdentity, type User } from "@/entities/user";
import { useLogout } from "@/features/account/logout";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { Avatar, BellIcon, ChevronDownIcon, LogOutIcon, menuItemClassName, Popover, UserIcon } from "@/shared/ui";

import styles from "./app-header.module.css";

export function UserMenu({ user }: { user: User }) {
  const t = useTranslations("userMenu");
  const tn = useTranslations("notificationSettings");
  const [open, setOpen] = useState(false);
  const { logout, pending } = useLogout();
  const name = displayNameOf(user);

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      kind="menu"
      label={t("open")}
      panelClassName={styles.menu}
      trigger={(props) => (
        <button {...props} type="button" className={styles.userTrigger} aria-label={`${t("open")}: ${name}`} data-testid="user-menu">
          <Avatar name={name} src={user.avatar} size={26} />
          <span className={styles.userName}>{name}</span>
          <ChevronDownIcon size={14} />
        </button>
      )}
    >
      <div className={styles.menuHeader}>
        <UserIdentity user={user} />
      </div>
      <div className={styles.menuItems}>
        <Link role="menuitem" className={menuItemClassName} href={routes.profile} onClick={() => setOpen(false)}>
          <UserIcon />
          {t("profile")}
        </Link>
        <Link role="menuitem" className={menuItemClassName} href={routes.notificationSettings} onClick={() => setOpen(false)}>
          <BellIcon />
          {tn("menuLabel")}
        </Link>
        <div className={styles.menuSeparator} role="separator" />
        <button
          role="menuitem"
          type="button"
          className={menuItemClassName}
          disabled={pending}
          onClick={() => {
            setOpen(false);
            void logout();
          }}
        >
          <LogOutIcon />
          {pending ? t("loggingOut") : t("logout")}
        </button>
      </div>
    </Popover>
  );
}
