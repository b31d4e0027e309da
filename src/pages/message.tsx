import type { Child } from "hono/jsx";
import { Page } from "./layout";

/** A page that says one thing: a result, or an error a person can act on. */
export function MessagePage(props: { title: string; children: Child }) {
  return (
    <Page title={props.title}>
      <h1>{props.title}</h1>
      {props.children}
    </Page>
  );
}

export function ErrorPage(props: { status: number; message: string }) {
  const title =
    props.status === 404
      ? "Not found"
      : props.status === 429
        ? "Too many requests"
        : props.status >= 500
          ? "Something went wrong"
          : "That didn't work";
  return (
    <MessagePage title={title}>
      <p role="alert">{props.message}</p>
      <p>
        <a href="/">Back to the subscribe form</a>
      </p>
    </MessagePage>
  );
}
