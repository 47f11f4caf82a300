# ruff: noqa: E501 — one sentence per line reads better than wrapped pairs
"""Korean for the error envelope's `message`. Services raise in English (the msgid, as in
gettext); `localise` answers in the request's language when the envelope is built, the same
in-code way `core.text` and monitoring's templates pick ko/en. A message with values in it
(sizes, states, hosts) is matched by a pattern whose named groups carry into the Korean.
DRF's own messages (not found, throttled, …) arrive already translated by its catalogue.
A message missing here goes out in English — `test_error_messages` finds every message
a DomainError can carry and fails on one without Korean."""

import re

from django.utils.translation import get_language

KO = {
    # core
    "The request could not be completed.": "요청을 처리할 수 없습니다.",
    "A backing service is unavailable. Try again shortly.": "필요한 서비스를 사용할 수 없습니다. 잠시 후 다시 시도하세요.",
    "The database is unavailable right now. Try again shortly.": "지금은 데이터베이스를 사용할 수 없습니다. 잠시 후 다시 시도하세요.",
    "The token is invalid or expired.": "토큰이 올바르지 않거나 만료되었습니다.",
    "Your session has ended. Sign in again.": "세션이 종료되었습니다. 다시 로그인하세요.",
    "This unsubscribe link is invalid.": "수신 거부 링크가 올바르지 않습니다.",
    "The request body is too large.": "요청 본문이 너무 큽니다.",
    "Something went wrong on our side.": "서버에서 문제가 발생했습니다.",
    "The submitted data is invalid.": "제출한 데이터가 올바르지 않습니다.",
    "The request failed.": "요청이 실패했습니다.",
    "The request was malformed.": "요청 형식이 올바르지 않습니다.",
    "You do not have permission to do this.": "이 작업을 할 권한이 없습니다.",
    "Not found.": "찾을 수 없습니다.",
    "Realtime is unavailable right now.": "지금은 실시간 연결을 사용할 수 없습니다.",
    "Your role in this project does not allow this.": "이 프로젝트에서의 역할로는 이 작업을 할 수 없습니다.",
    # users
    "The email or password is incorrect.": "이메일 또는 비밀번호가 올바르지 않습니다.",
    "Too many failed logins. Try again later.": "로그인 실패가 너무 많습니다. 나중에 다시 시도하세요.",
    "This password reset link is invalid or has expired.": "비밀번호 재설정 링크가 올바르지 않거나 만료되었습니다.",
    "Confirm your e-mail address first: follow the link we sent you.": "먼저 이메일 주소를 확인하세요. 보내 드린 메일의 링크를 누르면 됩니다.",
    "This verification link is invalid or has expired.": "이메일 확인 링크가 올바르지 않거나 만료되었습니다.",
    "An account with this email already exists.": "이 이메일로 가입한 계정이 이미 있습니다.",
    # projects
    "Your role does not allow this change.": "회원님의 역할로는 이 변경을 할 수 없습니다.",
    "A project needs at least one owner. Transfer ownership first.": "프로젝트에는 소유자가 한 명 이상 있어야 합니다. 먼저 소유권을 넘기세요.",
    "This person is already a member of the project.": "이미 이 프로젝트의 멤버입니다.",
    "This e-mail address already has a pending invitation.": "이 이메일 주소로 보낸 초대가 아직 대기 중입니다.",
    "This invitation has expired. Ask for a new one.": "초대가 만료되었습니다. 새 초대를 요청하세요.",
    "This invitation was revoked.": "취소된 초대입니다.",
    "This invitation has already been used.": "이미 사용된 초대입니다.",
    "This invitation was sent to a different email address.": "이 초대는 다른 이메일 주소로 보낸 것입니다.",
    "You already own this project.": "이미 이 프로젝트의 소유자입니다.",
    "Another phase already has this position.": "다른 단계가 이미 이 순서에 있습니다.",
    "Send every phase of the project exactly once.": "프로젝트의 모든 단계를 한 번씩 보내세요.",
    # feedbacks
    "This version is not ready yet (still uploading or processing, or it failed).": (
        "이 버전은 아직 준비되지 않았습니다(업로드 또는 처리 중이거나 실패했습니다)."
    ),
    "Only the author can do this.": "작성자만 할 수 있습니다.",
    "Only the author can edit a comment.": "작성자만 코멘트를 수정할 수 있습니다.",
    "Only the author or a project manager can delete this comment.": "작성자나 프로젝트 관리자만 이 코멘트를 삭제할 수 있습니다.",
    "Replies are resolved with the comment they answer.": "답글은 원래 코멘트와 함께 해결 처리됩니다.",
    "This share link has expired.": "만료된 공유 링크입니다.",
    "This share link was revoked.": "취소된 공유 링크입니다.",
    "This share link needs a password (send it in the X-Share-Password header).": (
        "이 공유 링크에는 비밀번호가 필요합니다(X-Share-Password 헤더로 보내세요)."
    ),
    "The password is wrong.": "비밀번호가 틀렸습니다.",
    "Too many wrong passwords. Try again later.": "비밀번호를 너무 많이 틀렸습니다. 나중에 다시 시도하세요.",
    "This share link allows viewing only.": "이 공유 링크로는 보기만 할 수 있습니다.",
    "Too many separate watched parts are recorded for this version; no more can be added.": "이 버전에 기록된 시청 구간이 너무 잘게 나뉘어 더 기록할 수 없습니다.",
    "This share link has recorded as many guests as it may; the video still plays, but no more viewing is recorded.": "이 공유 링크로 기록할 수 있는 게스트 수를 넘었습니다. 영상은 계속 볼 수 있지만 시청 기록은 남지 않습니다.",
    "Only the person who started this upload can finish it.": "업로드를 시작한 사람만 완료할 수 있습니다.",
    "The uploaded parts add up to more than the declared size.": "업로드한 조각의 합이 신고한 크기보다 큽니다.",
    "List the parts in ascending order, each once.": "조각을 오름차순으로 한 번씩 나열하세요.",
    "Some parts have not been uploaded.": "업로드되지 않은 조각이 있습니다.",
    "Some ETags do not match the uploaded parts.": "업로드한 조각과 맞지 않는 ETag가 있습니다.",
    "The file does not look like a video (its contents match no video container).": (
        "동영상 파일이 아닌 것 같습니다(내용이 어떤 동영상 컨테이너와도 맞지 않습니다)."
    ),
    "The upload URL is invalid or has expired. Ask for a new one.": "업로드 URL이 올바르지 않거나 만료되었습니다. 새 URL을 요청하세요.",
    "The storage no longer knows this upload. Start a new one.": "저장소에 이 업로드가 더 이상 없습니다. 새로 시작하세요.",
    "The storage refused the listed parts.": "저장소가 나열한 조각을 거부했습니다.",
    "File storage is unavailable. Try again shortly.": "파일 저장소를 사용할 수 없습니다. 잠시 후 다시 시도하세요.",
    # ai_planning
    "AI planning is not enabled on this server. Set OPENAI_API_KEY (and OPENAI_BASE_URL for an "
    "OpenAI-compatible server such as Ollama) in the environment and restart.": (
        "이 서버에서는 AI 기획이 켜져 있지 않습니다. 환경 변수에 OPENAI_API_KEY(Ollama 같은 OpenAI 호환 "
        "서버라면 OPENAI_BASE_URL도)를 설정하고 다시 시작하세요."
    ),
    "This version has no feedback to summarise yet.": "이 버전에는 아직 요약할 피드백이 없습니다.",
    "The plan has no generated content yet.": "기획안에 아직 생성된 내용이 없습니다.",
    "The plan changed since you loaded it. Reload and apply your edit again.": (
        "불러온 뒤에 기획안이 바뀌었습니다. 새로 고친 다음 다시 수정하세요."
    ),
    "The plan is being generated. Wait until it has finished.": "기획안을 생성하는 중입니다. 끝날 때까지 기다리세요.",
    "A plan of this brief is being generated. Wait until it has finished.": (
        "이 브리프의 기획안을 생성하는 중입니다. 끝날 때까지 기다리세요."
    ),
    "The plan of this job no longer exists.": "이 작업의 기획안이 더 이상 없습니다.",
    "The plan content is invalid.": "기획안 내용이 올바르지 않습니다.",
    "Link the asset to a plan before mapping its shots.": "샷을 배치하려면 먼저 에셋을 기획안에 연결하세요.",
    "The shot ranges are invalid.": "샷 구간이 올바르지 않습니다.",
    # monitoring
    "The report is not ready yet.": "보고서가 아직 준비되지 않았습니다.",
    "This webhook URL is not allowed.": "허용되지 않는 웹훅 URL입니다.",
    "Only http and https URLs with a host are allowed.": "호스트가 있는 http, https URL만 허용됩니다.",
    "Credentials in the URL are not allowed.": "URL에 인증 정보를 넣을 수 없습니다.",
    "The port is invalid.": "포트가 올바르지 않습니다.",
    "This task has already finished.": "이 작업은 이미 끝났습니다.",
    "This task is running; revoke it with terminate to stop it.": (
        "이 작업은 실행 중입니다. 멈추려면 강제 종료(terminate)로 취소하세요."
    ),
    "Only a failed task whose arguments were kept can be retried.": "인자가 보관된 실패한 작업만 다시 실행할 수 있습니다.",
    "This range has too many raw points; ask for hour or day resolution.": (
        "이 범위에는 원본 데이터가 너무 많습니다. 시간 또는 일 단위로 요청하세요."
    ),
    "Per-minute points are limited to 6 hours.": "분 단위 데이터는 6시간까지만 볼 수 있습니다.",
    "Hourly points are limited to 31 days.": "시간 단위 데이터는 31일까지만 볼 수 있습니다.",
    "This alert is already resolved.": "이미 해결된 알림입니다.",
    "pg_dump is not installed on this machine.": "이 서버에는 pg_dump가 설치되어 있지 않습니다.",
    "pg_restore is not installed on this machine.": "이 서버에는 pg_restore가 설치되어 있지 않습니다.",
    "This backup did not complete; it cannot be restored.": "완료되지 않은 백업이라 복원할 수 없습니다.",
    "Checksum mismatch: the stored backup is damaged.": "체크섬이 맞지 않습니다. 저장된 백업이 손상되었습니다.",
    "A PostgreSQL backup restores into a PostgreSQL database.": "PostgreSQL 백업은 PostgreSQL 데이터베이스로만 복원할 수 있습니다.",
    "A SQLite backup restores into a SQLite file.": "SQLite 백업은 SQLite 파일로만 복원할 수 있습니다.",
}

_ADDRESS_KINDS = {
    "cloud metadata address": "클라우드 메타데이터 주소",
    "loopback address": "루프백 주소",
    "link-local address": "링크 로컬 주소",
    "private address": "사설 주소",
    "non-public address": "공개되지 않은 주소",
}

# Messages with values in them: (English pattern, Korean with the same named groups).
PATTERNS = [
    (
        r"This part is larger than its declared size \((?P<n>\d+) bytes\)\.",
        "이 조각이 신고한 크기({n}바이트)보다 큽니다.",
    ),
    (r"This upload is already (?P<state>\w+)\.", "이미 {state} 상태인 업로드입니다."),
    (r"This upload has (?P<n>\d+) parts; send all of them\.", "이 업로드는 조각이 {n}개입니다. 모두 보내세요."),
    (
        r"The parts add up to (?P<total>\d+) bytes, not the declared (?P<size>\d+)\.",
        "조각의 합이 신고한 {size}바이트가 아니라 {total}바이트입니다.",
    ),
    (
        r"The file is larger than the (?P<mb>\d+) MB allowed here\. Use a multipart upload \(uploads/\) for large files\.",
        "파일이 이곳에서 허용하는 {mb}MB보다 큽니다. 큰 파일은 분할 업로드(uploads/)를 쓰세요.",
    ),
    (r"The file is larger than the (?P<mb>\d+) MB allowed here\.", "파일이 이곳에서 허용하는 {mb}MB보다 큽니다."),
    (r"This file type is not an accepted video type\.", "허용되지 않는 동영상 형식입니다."),
    (r"(?P<type>.+) is not an accepted video type\.", "{type}은(는) 허용되지 않는 동영상 형식입니다."),
    (
        r"Only a job awaiting approval can be approved; this one is (?P<status>\w+)\.",
        "승인 대기 중인 작업만 승인할 수 있습니다. 이 작업은 {status} 상태입니다.",
    ),
    (
        r"Only a job awaiting approval can be rejected; this one is (?P<status>\w+)\.",
        "승인 대기 중인 작업만 거절할 수 있습니다. 이 작업은 {status} 상태입니다.",
    ),
    (
        r"Only a failed job or one that needs attention can be retried; this one is (?P<status>\w+)\.",
        "실패했거나 확인이 필요한 작업만 다시 시도할 수 있습니다. 이 작업은 {status} 상태입니다.",
    ),
    (
        r"This would exceed the project's monthly AI budget: (?P<spent>\$[\d.,]+) spent and (?P<reserved>\$[\d.,]+) "
        r"reserved of (?P<budget>\$[\d.,]+), this job is estimated at (?P<estimate>\$[\d.,]+)\.",
        "프로젝트의 월 AI 예산을 넘습니다. 예산 {budget} 중 {spent} 사용, {reserved} 예약되어 있고 "
        "이 작업의 예상 비용은 {estimate}입니다.",
    ),
    (r"The host (?P<host>.+) does not resolve\.", "호스트 {host}의 주소를 찾을 수 없습니다."),
    (
        r"The webhook host resolves to a (?P<kind>[\w -]+) \((?P<address>[^)]+)\)\.",
        "웹훅 호스트가 {kind}({address})로 연결됩니다.",
    ),
    (r"pg_dump failed: (?P<output>.*)", "pg_dump 실패: {output}"),
    (r"pg_restore failed: (?P<output>.*)", "pg_restore 실패: {output}"),
]
_COMPILED = [(re.compile(pattern, re.DOTALL), korean) for pattern, korean in PATTERNS]


def korean(message: str) -> str | None:
    """The Korean for an English message, None when the catalogue has none."""
    if message in KO:
        return KO[message]
    for pattern, template in _COMPILED:
        if found := pattern.fullmatch(message):
            values = {key: _ADDRESS_KINDS.get(value, value) for key, value in found.groupdict().items()}
            return template.format(**values)
    return None


def localise(message: str) -> str:
    """`message` in the active language: English as given, Korean (the default) from the catalogue."""
    if (get_language() or "ko").startswith("en"):
        return message
    return korean(str(message)) or message
