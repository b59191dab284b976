# sctp match
-4
*filter
:INPUT,FORWARD,OUTPUT
-p sctp -m sctp --sport 1;=
-p sctp -m sctp --dport 1:2;=
-p sctp -m sctp ! --sport 1 ! --dport 2;=
-p sctp -m sctp --chunk-types all INIT;=
-p sctp -m sctp --chunk-types any INIT,SACK;=
-p sctp -m sctp --chunk-types only DATA;=
-p sctp -m sctp ! --chunk-types all INIT;=
-p sctp -m sctp --chunk-types all DATA:Be;=
-p sctp -m sctp --chunk-types all ABORT:T;=
-p sctp -m sctp --chunk-types any DATA,INIT,INIT_ACK,SACK,HEARTBEAT,HEARTBEAT_ACK,ABORT,SHUTDOWN,SHUTDOWN_ACK,ERROR,COOKIE_ECHO,COOKIE_ACK,ECN_ECNE,ECN_CWR,SHUTDOWN_COMPLETE,ASCONF,ASCONF_ACK,FORWARD_TSN;-p sctp -m sctp --chunk-types any DATA,INIT,INIT_ACK,SACK,HEARTBEAT,HEARTBEAT_ACK,ABORT,SHUTDOWN,SHUTDOWN_ACK,ERROR,COOKIE_ECHO,COOKIE_ACK,ECN_ECNE,ECN_CWR,SHUTDOWN_COMPLETE,ASCONF_ACK,FORWARD_TSN,ASCONF
-p sctp -m sctp --chunk-types foo INIT;FAIL;Match type has to be one of "ALL", "ANY" or "ONLY"
-p sctp -m sctp --chunk-types all FOO;FAIL;Unknown sctp chunk `FOO'
-p sctp -m sctp;=
-p sctp --dport 80;-p sctp -m sctp --dport 80
-m sctp --dport 80;FAIL;@commit
-p sctp -m sctp --dport 70000;FAIL;invalid port/service `70000' specified
-p sctp -m sctp --dport 5:1;FAIL;invalid portrange (min > max)
-p sctp -m sctp --sport ssh;FAIL;invalid port/service `ssh' specified
-6
*filter
:INPUT
-p sctp -m sctp --dport 80;=
# packets
-4
*filter
:INPUT
-p sctp -m sctp --dport 80;=
>proto=sctp dport=80;match
>proto=sctp dport=81;nomatch
-p sctp -m sctp ! --sport 1000:2000;=
>proto=sctp sport=1500;nomatch
>proto=sctp sport=2500;match
