"""A brief and a finished plan for the demo project (`seed_demo`), written by hand: no AI call."""

from . import services

BRIEF = {
    "title": "무선 이어폰 런칭 브랜드 필름",
    "description": "출퇴근길 소음 속에서 나만의 순간을 찾는 20-30대 직장인의 하루. 노이즈 캔슬링을 감정으로 보여준다.",
    "video_type": "브랜드 필름",
    "target_duration_seconds": 90,
    "audience": "20-30대 직장인",
    "tone": "차분하고 세련된",
    "platform": "YouTube",
    "language": "ko",
}

# Shot durations add up to their scene's, and scenes to the sections' 90 s (the brief's target).
_SHOTS = [
    (
        1,
        1,
        "wide",
        "static",
        "새벽 지하철 승강장, 인파와 소음",
        "지하철 소음, 안내 방송",
        8,
        "지하철 승강장",
        ["통근 가방"],
    ),
    (
        2,
        1,
        "close_up",
        "handheld",
        "주인공이 이어폰 케이스를 여는 손",
        "케이스 여는 소리",
        7,
        "지하철 승강장",
        ["이어폰"],
    ),
    (
        3,
        2,
        "medium",
        "dolly",
        "이어폰을 끼자 소음이 사라지고 표정이 풀린다",
        "정적 → 잔잔한 피아노",
        12,
        "지하철 객차",
        ["이어폰"],
    ),
    (4, 2, "extreme_close_up", "static", "이어폰 표면에 반사되는 도시의 빛", "피아노", 8, "스튜디오", ["이어폰"]),
    (
        5,
        2,
        "medium",
        "tracking",
        "소리 없는 출근길 거리를 가볍게 걷는다",
        "피아노, 발걸음",
        14,
        "을지로 거리",
        ["이어폰"],
    ),
    (
        6,
        2,
        "medium_close_up",
        "static",
        "사무실 창가, 음악에 맞춰 펜을 두드린다",
        "피아노 + 리듬",
        12,
        "사무실",
        ["이어폰", "펜"],
    ),
    (7, 2, "close_up", "handheld", "퇴근 버스 창밖으로 흐르는 불빛", "피아노 클라이맥스", 14, "버스 안", ["이어폰"]),
    (8, 3, "aerial", "drone", "해 질 녘 한강, 주인공이 걷는다", "내레이션: 당신의 소리를 찾으세요", 10, "한강공원", []),
    (9, 3, "full", "static", "제품과 로고, 출시일", "로고 사운드", 5, "스튜디오", ["이어폰", "케이스"]),
]

RESULT = {
    "logline": "소음으로 가득한 하루, 단 한 번의 터치로 나만의 고요를 되찾는다.",
    "synopsis": "새벽 지하철의 소음 속에서 지친 직장인이 이어폰을 끼는 순간 세상이 고요해진다. "
    "하루의 장면들이 음악처럼 흐르고, 해 질 녘 한강에서 그는 자신의 속도를 되찾는다.",
    "sections": [
        {"title": "훅: 소음의 아침", "purpose": "공감할 수 있는 불편함을 보여준다", "duration_seconds": 15},
        {"title": "전환: 고요", "purpose": "노이즈 캔슬링을 감정의 변화로 보여준다", "duration_seconds": 60},
        {"title": "마무리: 나의 소리", "purpose": "제품과 메시지를 남긴다", "duration_seconds": 15},
    ],
    "scenes": [
        {
            "number": 1,
            "section": "훅: 소음의 아침",
            "heading": "지하철 승강장",
            "location": "지하철 승강장",
            "time_of_day": "새벽",
            "description": "붐비는 승강장, 소음에 지친 주인공",
            "duration_seconds": 15,
        },
        {
            "number": 2,
            "section": "전환: 고요",
            "heading": "고요한 객차",
            "location": "지하철 객차",
            "time_of_day": "아침",
            "description": "이어폰을 끼자 세상이 느려진다",
            "duration_seconds": 60,
        },
        {
            "number": 3,
            "section": "마무리: 나의 소리",
            "heading": "한강의 저녁",
            "location": "한강공원",
            "time_of_day": "해 질 녘",
            "description": "자신의 속도로 걷는 주인공과 제품 컷",
            "duration_seconds": 15,
        },
    ],
    "shots": [
        {
            "number": n,
            "scene": scene,
            "shot_size": size,
            "camera_movement": move,
            "description": desc,
            "audio": audio,
            "duration_seconds": seconds,
            "location": location,
            "props": props,
        }
        for n, scene, size, move, desc, audio, seconds, location, props in _SHOTS
    ],
    "storyboard": [
        {
            "shot": 1,
            "description": "인파 속 주인공의 뒷모습",
            "image_query": "crowded subway platform morning",
            "images": [],
        },
        {"shot": 2, "description": "손에 든 이어폰 케이스", "image_query": "hand opening earbuds case", "images": []},
        {
            "shot": 3,
            "description": "눈을 감고 미소 짓는 얼굴",
            "image_query": "man wearing earbuds on train",
            "images": [],
        },
        {"shot": 4, "description": "도시 불빛이 비친 이어폰", "image_query": "earbuds macro city lights", "images": []},
        {
            "shot": 5,
            "description": "햇살 속 출근길을 걷는 뒷모습",
            "image_query": "office worker walking street morning",
            "images": [],
        },
        {
            "shot": 6,
            "description": "창가 책상의 펜과 이어폰",
            "image_query": "office desk window earbuds",
            "images": [],
        },
        {
            "shot": 7,
            "description": "버스 창에 번지는 불빛",
            "image_query": "city lights bus window night",
            "images": [],
        },
        {"shot": 8, "description": "한강을 걷는 실루엣", "image_query": "han river sunset walking", "images": []},
        {"shot": 9, "description": "제품 패키지와 로고", "image_query": "wireless earbuds product shot", "images": []},
    ],
    "schedule": [
        {
            "phase": "프리프로덕션",
            "start": "2026-11-23",
            "end": "2026-12-04",
            "tasks": ["로케이션 헌팅 (지하철, 한강)", "캐스팅", "콘티 확정"],
        },
        {
            "phase": "촬영",
            "start": "2026-12-07",
            "end": "2026-12-11",
            "tasks": ["지하철 촬영 (새벽)", "한강 드론 촬영"],
        },
        {
            "phase": "편집 · 색보정",
            "start": "2026-12-14",
            "end": "2027-01-08",
            "tasks": ["가편집", "색보정", "사운드 믹싱"],
        },
        {"phase": "납품", "start": "2027-01-11", "end": "2027-01-15", "tasks": ["최종 승인", "플랫폼별 마스터 납품"]},
    ],
    "images_status": {"provider": None, "status": "off", "error": ""},
}


def seed_demo_plan(*, project, actor):
    brief = services.brief_create(project=project, actor=actor, **BRIEF)
    return services.plan_create_from_result(brief=brief, actor=actor, result=RESULT)
