import { Avatar } from "@/shared/ui";

import { displayNameOf, type User } from "../model/types";
import styles from "./user-identity.module.css";

export function UserIdentity({ user, size = 32 }: { user: User; size?: number }) {
  const name = displayNameOf(user);
  return (
    <div className={styles.identity}>
      <Avatar name={name} src={user.avatar} size={size} />
      <div className={styles.text}>
        <span className={styles.name}>{name}</span>
        <span className={styles.email}>{user.email}</span>
      </div>
    </div>
  );
}
