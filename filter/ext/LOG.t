# LOG target
-4
*filter
:INPUT,FORWARD,OUTPUT
-j LOG;=
-j LOG --log-level 4;-j LOG
-j LOG --log-level warning;-j LOG
-j LOG --log-level 7;=
-j LOG --log-level debug;-j LOG --log-level 7
-j LOG --log-level emerg;-j LOG --log-level 0
-j LOG --log-level panic;-j LOG --log-level 0
-j LOG --log-level alert;-j LOG --log-level 1
-j LOG --log-level crit;-j LOG --log-level 2
-j LOG --log-level error;-j LOG --log-level 3
-j LOG --log-level notice;-j LOG --log-level 5
-j LOG --log-level info;-j LOG --log-level 6
-j LOG --log-level 8;FAIL;log level "8" unknown
-j LOG --log-level err;FAIL;log level "err" unknown
-j LOG --log-level warn;FAIL;log level "warn" unknown
-j LOG --log-level Warning;FAIL;log level "Warning" unknown
-j LOG --log-level -1;FAIL;log level "-1" unknown
-j LOG --log-level 0x3;-j LOG --log-level 3
-j LOG --log-prefix foo;=
-j LOG --log-prefix "a b ";=
-j LOG --log-prefix "x: ";=
-j LOG --log-prefix "";FAIL;Argument must have a minimum length of 1 characters
-j LOG --log-prefix aaaaaaaaaaaaaaaaaaaaaaaaaaaaa;=
-j LOG --log-prefix aaaaaaaaaaaaaaaaaaaaaaaaaaaaab;-j LOG --log-prefix aaaaaaaaaaaaaaaaaaaaaaaaaaaaa
-j LOG --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid --log-macdecode;=
-j LOG --log-macdecode --log-uid --log-ip-options --log-tcp-options --log-tcp-sequence;-j LOG --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid --log-macdecode
-j LOG --log-level info --log-prefix x --log-uid;-j LOG --log-prefix x --log-level 6 --log-uid
-j LOG --log-prefix "p" --log-level 3 --log-tcp-options;-j LOG --log-prefix p --log-level 3 --log-tcp-options
-j LOG ! --log-prefix x;FAIL;LOG: option "--log-prefix" cannot be inverted.
-j LOG --log-prefix a --log-prefix b;FAIL;LOG: option "--log-prefix" can only be used once.
-j LOG --log-uid --log-uid;FAIL;LOG: option "--log-uid" can only be used once.
*mangle
:PREROUTING
-j LOG --log-prefix m;=
*raw
:PREROUTING
-j LOG --log-prefix r;=
*nat
:POSTROUTING
-j LOG --log-prefix n;=
-6
*filter
:INPUT
-j LOG --log-prefix v6 --log-level 1 --log-tcp-sequence;=
