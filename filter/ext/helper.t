# helper match (xt_helper: the helper of an expected connection's master)
-4
*filter
:INPUT,FORWARD,OUTPUT
-m helper --helper ftp;=
-m helper ! --helper ftp;=
-m helper --helper "";=
-m helper ! --helper "";=
-m helper --helper "a b";=
-m helper --helper "a\"b";=
-m helper --helper sip-5060;=
-m helper --helper abcdefghijabcdefghijabcdefghijxyz;-m helper --helper abcdefghijabcdefghijabcdefghi
-m helper;FAIL;helper: option "--helper" must be specified
-m helper --helper ftp --helper irc;FAIL;helper: option "--helper" can only be used once.
*raw
:PREROUTING,OUTPUT
-m helper --helper ftp;=
*mangle
:PREROUTING,POSTROUTING
-m helper --helper irc;=
-6
*filter
:INPUT
-m helper --helper ftp;=
-m helper ! --helper sip;=
# packets (kernel only: a new connection has no master, so only the inverted rule matches)
-4
*filter
:INPUT
-m helper --helper ftp;=
>proto=tcp dport=21 flags=SYN ct=new;nomatch;kernel
-m helper ! --helper ftp;=
>proto=udp sport=43011 ct=new;match;kernel
-m helper --helper "";=
>proto=udp sport=43012 ct=new;nomatch;kernel
-m helper ! --helper "";=
>proto=udp sport=43013 ct=new;match;kernel
