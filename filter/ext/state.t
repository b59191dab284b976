# state match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m state --state NEW,ESTABLISHED;=
-m state --state ESTABLISHED,NEW,RELATED,INVALID,UNTRACKED;-m state --state INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED
-m state ! --state NEW;=
-m state --state new;-m state --state NEW
-m state --state Related;-m state --state RELATED
-m state --state FOO;FAIL;Bad state "FOO"
-m state;FAIL;state: option "--state" must be specified
-m state --state NEW,NEW;-m state --state NEW
-m state --state ,NEW;FAIL;Bad state ",NEW"
-m state --state NEW,;FAIL;"--state" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED
-m state --state NEW --state INVALID;FAIL;state: option "--state" can only be used once.
-m state --state SNAT;FAIL;Bad state "SNAT"
-6
*filter
:INPUT
-m state --state RELATED,ESTABLISHED;=
# packets (kernel only: conntrack)
-4
*filter
:INPUT
-m state --state NEW;=
>proto=udp sport=42001 ct=new;match;kernel
>proto=tcp flags=SYN sport=42002 ct=new;match;kernel
-m state ! --state NEW;=
>proto=udp sport=42003 ct=new;nomatch;kernel
