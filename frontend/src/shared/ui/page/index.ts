export { AuthCard, Page, PageHeader, type AuthCardProps, type PageHeaderProps } from "./page";
